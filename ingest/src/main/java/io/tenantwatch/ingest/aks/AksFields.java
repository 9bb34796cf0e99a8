package io.tenantwatch.ingest.aks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.json.FieldCollector;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.JsonSpan;
import java.io.IOException;

/**
 * The fields of one AKS diagnostic record: category, resourceId, properties.log. The record's
 * {@code time} is the upload time, not the event's, and is not read.
 */
public final class AksFields extends FieldCollector {

    private final JsonInput input;

    String category;
    boolean categorySeen;
    String resourceId;
    boolean propertiesSeen;
    /** properties.log as AKS sends it: the audit Event as a JSON string. */
    String log;
    /** properties.log when a forwarder already expanded it into an object. */
    JsonSpan logObject;

    public AksFields(JsonInput input) {
        this.input = input;
    }

    /** An object with category and properties (a single record, not wrapped in records[]). */
    public boolean looksLikeRecord() {
        return categorySeen && propertiesSeen;
    }

    @Override
    public boolean accept(String name, JsonParser p) throws IOException {
        switch (name) {
            case "category" -> {
                categorySeen = true;
                category = text(p, "category");
            }
            case "resourceId" -> resourceId = text(p, "resourceId");
            case "properties" -> {
                propertiesSeen = true;
                readProperties(p);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void readProperties(JsonParser p) throws IOException {
        if (!isObject(p, "properties")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!"log".equals(field)) {
                p.skipChildren();
            } else if (value == JsonToken.START_OBJECT) {
                logObject = input.skipToSpan(p);
            } else {
                log = text(p, "properties", "log");
            }
        }
    }
}
