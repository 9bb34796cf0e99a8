package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-checked reads of body trees. Bodies are foreign input: a value of an unexpected type is
 * treated as absent (facts are best-effort; the event itself is still valid).
 */
final class Nodes {

    private Nodes() {}

    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** The string elements of an array; other elements are ignored. */
    static List<String> texts(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        }
        return out;
    }

    /** The string-valued entries of an object, in order. */
    static Map<String, String> textEntries(JsonNode object) {
        if (object == null || !object.isObject() || object.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        }
        return out;
    }

    /** The elements of an array; nothing for any other node. */
    static Iterable<JsonNode> elements(JsonNode node) {
        return node != null && node.isArray() ? node : List.of();
    }

    static JsonNode labels(JsonNode object) {
        return object.path("metadata").path("labels");
    }
}
