package io.tenantwatch.ingest.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.audit.facts.Body;
import io.tenantwatch.ingest.json.FieldCollector;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.SensitiveFields;
import io.tenantwatch.schemas.ResourceRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The fields of one audit Event, collected while it streams by. Object bodies become {@link Body}
 * values: read in this pass when objectRef and verb (which come first in the API server's order)
 * say facts are wanted from them, else only located, since in other orders (the old webhook form
 * sorts keys alphabetically) whether a body is needed is known only at the end of the event.
 */
public final class AuditFields extends FieldCollector {

    private final JsonInput input;

    String kind;
    boolean kindSeen;
    String apiVersion;
    String auditId;
    String stage;
    String verb;
    String requestUri;
    String userAgent;
    String level;
    UserInfo user;
    UserInfo impersonatedUser;
    List<String> sourceIps;
    ResourceRef objectRef;
    Integer code;
    Body requestObject;
    Body responseObject;
    Map<String, String> annotations;
    String stageTimestamp;
    String requestReceivedTimestamp;
    /** Only the old webhook form (no apiVersion) has it. */
    String timestamp;

    public AuditFields(JsonInput input) {
        this.input = input;
    }

    public boolean kindSeen() {
        return kindSeen;
    }

    public String kind() {
        return kind;
    }

    /**
     * An audit.k8s.io Event: {@code kind: Event} (and, when present, an audit.k8s.io apiVersion, so a
     * core/v1 Event object is not taken for one), or, without any kind, an auditID and a stage.
     */
    public boolean looksLikeEvent() {
        if (kindSeen) {
            return "Event".equals(kind) && (apiVersion == null || apiVersion.startsWith("audit.k8s.io/"));
        }
        return auditId != null && stage != null;
    }

    @Override
    public boolean accept(String name, JsonParser p) throws IOException {
        switch (name) {
            case "kind" -> {
                kindSeen = true;
                kind = text(p, "kind");
            }
            case "apiVersion" -> apiVersion = text(p, "apiVersion");
            case "auditID" -> auditId = text(p, "auditID");
            case "stage" -> stage = text(p, "stage");
            case "verb" -> verb = text(p, "verb");
            case "requestURI" -> requestUri = text(p, "requestURI");
            case "userAgent" -> userAgent = text(p, "userAgent");
            case "user" -> user = readUser(p, "user");
            case "impersonatedUser" -> impersonatedUser = readUser(p, "impersonatedUser");
            case "sourceIPs" -> sourceIps = textList(p, "sourceIPs");
            case "objectRef" -> objectRef = readObjectRef(p);
            case "responseStatus" -> code = readCode(p);
            case "level" -> level = text(p, "level");
            case "requestObject" -> requestObject = body(p, "requestObject", false);
            case "responseObject" -> responseObject = body(p, "responseObject", true);
            case "annotations" ->
                annotations = textMap(
                        p, "annotations", key -> key.startsWith(SensitiveFields.WEBHOOK_PATCH_ANNOTATION_PREFIX));
            case "stageTimestamp" -> stageTimestamp = text(p, "stageTimestamp");
            case "requestReceivedTimestamp" -> requestReceivedTimestamp = text(p, "requestReceivedTimestamp");
            case "timestamp" -> timestamp = text(p, "timestamp");
            default -> {
                return false;
            }
        }
        return true;
    }

    private Body body(JsonParser p, String field, boolean response) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return Body.collect(p, input, objectRef, verb, level, response);
        }
        if (t != JsonToken.VALUE_NULL) {
            wrongType(p, null, field, "an object");
        }
        return null;
    }

    private UserInfo readUser(JsonParser p, String path) throws IOException {
        if (!isObject(p, path)) {
            return null;
        }
        String username = null;
        String uid = null;
        List<String> groups = null;
        String[] extra = new String[3];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "username" -> username = text(p, path, "username");
                case "uid" -> uid = text(p, path, "uid");
                case "groups" -> groups = textList(p, path, "groups");
                case "extra" -> readExtra(p, path, extra);
                default -> p.skipChildren();
            }
        }
        return new UserInfo(username, uid, groups, extra[0], extra[1], extra[2]);
    }

    /** user.extra is map[string][]string; only three keys are kept, the first value of each. */
    private void readExtra(JsonParser p, String userPath, String[] out) throws IOException {
        if (!isObject(p, userPath, "extra")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case UserInfo.EXTRA_OID -> out[0] = firstText(p, userPath, "extra.oid");
                case UserInfo.EXTRA_POD_NAME -> out[1] = firstText(p, userPath, "extra.pod-name");
                case UserInfo.EXTRA_CREDENTIAL_ID -> out[2] = firstText(p, userPath, "extra.credential-id");
                default -> p.skipChildren();
            }
        }
    }

    private ResourceRef readObjectRef(JsonParser p) throws IOException {
        if (!isObject(p, "objectRef")) {
            return null;
        }
        String apiGroup = null;
        String resource = null;
        String subresource = null;
        String namespace = null;
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "apiGroup" -> apiGroup = emptyToNull(text(p, "objectRef", "apiGroup"));
                case "resource" -> resource = emptyToNull(text(p, "objectRef", "resource"));
                case "subresource" -> subresource = emptyToNull(text(p, "objectRef", "subresource"));
                case "namespace" -> namespace = emptyToNull(text(p, "objectRef", "namespace"));
                case "name" -> name = emptyToNull(text(p, "objectRef", "name"));
                default -> p.skipChildren();
            }
        }
        return new ResourceRef(apiGroup, resource, subresource, namespace, name);
    }

    private Integer readCode(JsonParser p) throws IOException {
        if (!isObject(p, "responseStatus")) {
            return null;
        }
        Integer result = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("code".equals(field)) {
                result = integer(p, "responseStatus", "code");
            } else {
                p.skipChildren();
            }
        }
        return result;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
