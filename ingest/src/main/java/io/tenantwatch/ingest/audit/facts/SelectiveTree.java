package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A tree of an object body holding only what its kind's facts read: kind, metadata name, labels
 * and ownerReferences (annotations for Services), and the kind's own fields (spec, rules, data…).
 * Everything else (status, managedFields, the last-applied annotation that repeats the whole
 * object) is skipped by the tokenizer, never built: a tree costs about twice the tokenizing.
 */
final class SelectiveTree {

    private SelectiveTree() {}

    /** The body at the parser's START_OBJECT; a JSON patch (START_ARRAY, small) is read whole. */
    static JsonNode read(JsonParser p, FactsKind kind) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return tree(p);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                out.set(field, metadata(p, kind));
            } else if ("kind".equals(field) || kind.bodyFields().contains(field)) {
                out.set(field, tree(p));
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    private static ObjectNode metadata(JsonParser p, FactsKind kind) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name", "labels", "ownerReferences" -> out.set(field, tree(p));
                case "uid" -> {
                    if (kind == FactsKind.NAMESPACE) {
                        out.set(field, tree(p)); // tells one incarnation of the name from the next
                    } else {
                        p.skipChildren();
                    }
                }
                case "annotations" -> {
                    if (kind == FactsKind.SERVICE) {
                        out.set(field, tree(p));
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return out;
    }

    /** JSON null stays a NullNode: in a merge patch, {@code "labels": null} removes them all. */
    private static JsonNode tree(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? NullNode.getInstance() : p.readValueAsTree();
    }
}
