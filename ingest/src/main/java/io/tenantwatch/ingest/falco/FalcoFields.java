package io.tenantwatch.ingest.falco;

import com.fasterxml.jackson.core.JsonParser;
import io.tenantwatch.ingest.json.FieldCollector;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The fields of one Falco alert (json_output, or falcosidekick's payload), collected while streamed. */
public final class FalcoFields extends FieldCollector {

    String time;
    String rule;
    boolean ruleSeen;
    String priority;
    String source;
    String hostname;
    /** Kept only for the content hash of alerts without uuid; never put into an event. */
    String output;

    List<String> tags;
    Map<String, Object> outputFields;
    String uuid;
    private boolean otherAlertFieldSeen;

    /** A rule plus any of priority, output, output_fields or time. */
    public boolean looksLikeAlert() {
        return ruleSeen && otherAlertFieldSeen;
    }

    @Override
    public boolean accept(String name, JsonParser p) throws IOException {
        switch (name) {
            case "rule" -> {
                ruleSeen = true;
                rule = text(p, "rule");
            }
            case "time" -> {
                otherAlertFieldSeen = true;
                time = text(p, "time");
            }
            case "priority" -> {
                otherAlertFieldSeen = true;
                priority = text(p, "priority");
            }
            case "output" -> {
                otherAlertFieldSeen = true;
                output = text(p, "output");
            }
            case "output_fields" -> {
                otherAlertFieldSeen = true;
                if (isObject(p, "output_fields")) {
                    outputFields = TypedValues.readMap(p);
                }
            }
            case "source" -> source = text(p, "source");
            case "hostname" -> hostname = text(p, "hostname");
            case "tags" -> tags = textList(p, "tags");
            case "uuid" -> uuid = text(p, "uuid");
            default -> {
                return false;
            }
        }
        return true;
    }
}
