package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.OwnerRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The top of an object body: kind, metadata.name, metadata.ownerReferences, and (for Secrets) the
 * top-level type. Read by streaming for kinds without other facts, stopping as soon as it has
 * what it needs, so that no tree is built (and, for Secrets, no tree holding their data).
 */
record BodyMetadata(String kind, String name, String type, List<OwnerRef> ownerReferences) {

    boolean isStatus() {
        return "Status".equals(kind);
    }

    /**
     * The metadata of the body at the parser's START_OBJECT. With {@code consumeAll} false it stops
     * as soon as it has what it needs (the parser is then dropped); with true it reads to the end
     * of the body, for a body read in the event's own pass.
     */
    static BodyMetadata scan(JsonParser p, boolean wantType, boolean consumeAll) throws IOException {
        String kind = null;
        String name = null;
        String type = null;
        List<OwnerRef> owners = List.of();
        boolean metadataSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
                kind = p.getText();
            } else if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                metadataSeen = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String m = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("name".equals(m) && v == JsonToken.VALUE_STRING) {
                        name = p.getText();
                    } else if ("ownerReferences".equals(m) && v == JsonToken.START_ARRAY) {
                        owners = ownerReferences(p.readValueAsTree());
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            if (!consumeAll && kind != null && metadataSeen && (type != null || !wantType)) {
                break;
            }
        }
        return new BodyMetadata(kind, name, type, owners);
    }

    /** metadata.ownerReferences of a tree (ownerReferences is an array of small objects). */
    static List<OwnerRef> ownerReferences(JsonNode array) {
        List<OwnerRef> out = new ArrayList<>(1);
        for (JsonNode o : Nodes.elements(array)) {
            if (o.isObject()) {
                out.add(new OwnerRef(
                        Nodes.text(o.path("kind")),
                        Nodes.text(o.path("name")),
                        Nodes.text(o.path("apiVersion")),
                        Nodes.isTrue(o.path("controller"))));
            }
        }
        return out;
    }
}
