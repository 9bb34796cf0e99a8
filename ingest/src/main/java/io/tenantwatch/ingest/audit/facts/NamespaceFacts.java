package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespace labels (tenant labels, pod-security labels: tenant-boundary-change), and for a patch
 * the labels it sets and removes.
 */
final class NamespaceFacts {

    /**
     * In {@code labelsRemoved}: the patch removes the whole label map (merge patch
     * {@code "labels": null}, JSON patch remove of /metadata/labels or /metadata), so every label
     * the namespace had is gone, names unknown to a Request-level event.
     */
    static final String ALL_LABELS = "*";

    private static final String LABELS_POINTER = "/metadata/labels";

    private NamespaceFacts() {}

    /**
     * @param body    the namespace as stored, else as sent
     * @param patch   for a patch: the merge patch as sent, or the object a JSON patch writes; else null
     * @param removed for a JSON patch: the pointers it removes; else empty
     */
    static Namespace of(JsonNode body, JsonNode patch, List<String> removed) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>(0);
        if (patch != null) {
            JsonNode labels = patch.path("metadata").get("labels");
            if (labels != null && labels.isNull()) {
                gone.add(ALL_LABELS);
            } else if (labels != null) {
                for (Map.Entry<String, JsonNode> e : labels.properties()) {
                    if (e.getValue().isNull()) {
                        gone.add(e.getKey()); // merge patch: null deletes the key
                    } else if (e.getValue().isTextual()) {
                        set.put(e.getKey(), e.getValue().textValue());
                    }
                }
            }
        }
        for (String pointer : removed) {
            if (pointer.startsWith(LABELS_POINTER + "/")) {
                gone.add(unescape(pointer.substring(LABELS_POINTER.length() + 1)));
            } else if (pointer.equals(LABELS_POINTER) || pointer.equals("/metadata")) {
                gone.add(ALL_LABELS);
            }
        }
        return new Namespace(
                Nodes.textEntries(Nodes.labels(body)),
                set,
                gone,
                Nodes.text(body.path("metadata").path("uid")));
    }

    /** RFC 6901: "~1" is "/", "~0" is "~" (label keys such as tenantwatch.io/tenant contain a slash). */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
