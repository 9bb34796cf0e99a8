package io.tenantwatch.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Collects the fields of one input object while it is streamed. Field order varies between
 * producers, so a collector only records what it sees; the reader decides at the end of the object.
 *
 * <p>A value of the wrong JSON type is skipped and remembered, not thrown: which format an object is
 * (and so whether that field matters) may only be known after its last field. Helpers name a field
 * by parent and name (parent null at the top) so that a path string is built only for a wrong type.
 */
public abstract class FieldCollector {

    private List<String> badFields;

    /**
     * Consumes the value of field {@code name} (the parser is on its first token) when this collector
     * knows the field; returns false, consuming nothing, otherwise.
     */
    public abstract boolean accept(String name, JsonParser p) throws IOException;

    /** Streams the object the parser is on (START_OBJECT) into this collector, up to its END_OBJECT. */
    public final void readObject(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!accept(name, p)) {
                p.skipChildren();
            }
        }
    }

    /** The first field that had the wrong type, as "path (expected …)"; null when none. */
    public final String firstBadField() {
        return badFields == null ? null : badFields.get(0);
    }

    /** Whether the field at {@code path} (e.g. "rule", "user.username") had the wrong type. */
    public final boolean isBad(String path) {
        if (badFields != null) {
            for (String b : badFields) {
                if (b.startsWith(path + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    protected final void wrongType(JsonParser p, String parent, String field, String expected) throws IOException {
        if (badFields == null) {
            badFields = new ArrayList<>(2);
        }
        badFields.add((parent == null ? field : parent + "." + field) + " (expected " + expected + ")");
        p.skipChildren();
    }

    protected final String text(JsonParser p, String field) throws IOException {
        return text(p, null, field);
    }

    /** A string, or null for JSON null. */
    protected final String text(JsonParser p, String parent, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t != JsonToken.VALUE_NULL) {
            wrongType(p, parent, field, "a string");
        }
        return null;
    }

    /** An int, or null for JSON null. */
    protected final Integer integer(JsonParser p, String parent, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (p.currentToken() != JsonToken.VALUE_NULL) {
            wrongType(p, parent, field, "an integer");
        }
        return null;
    }

    protected final boolean isObject(JsonParser p, String field) throws IOException {
        return isObject(p, null, field);
    }

    /** True when the value is an object to descend into; JSON null is simply absent. */
    protected final boolean isObject(JsonParser p, String parent, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t != JsonToken.VALUE_NULL) {
            wrongType(p, parent, field, "an object");
        }
        return false;
    }

    protected final List<String> textList(JsonParser p, String field) throws IOException {
        return textList(p, null, field);
    }

    /** A list of strings, or null for JSON null. */
    protected final List<String> textList(JsonParser p, String parent, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            wrongType(p, parent, field, "an array of strings");
            return null;
        }
        List<String> out = new ArrayList<>(4);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else {
                wrongType(p, parent, field, "an array of strings");
            }
        }
        return out;
    }

    /** The first string of an array of strings (the shape of user.extra values). */
    protected final String firstText(JsonParser p, String parent, String field) throws IOException {
        List<String> values = textList(p, parent, field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * An object of string values, in input order, leaving out keys {@code skip} accepts; null for
     * JSON null.
     */
    protected final Map<String, String> textMap(JsonParser p, String field, Predicate<String> skip) throws IOException {
        if (!isObject(p, field)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (skip.test(key)) {
                p.skipChildren();
            } else if (t == JsonToken.VALUE_STRING) {
                out.put(key, p.getText());
            } else if (t != JsonToken.VALUE_NULL) {
                wrongType(p, null, field, "string values");
            }
        }
        return out;
    }
}
