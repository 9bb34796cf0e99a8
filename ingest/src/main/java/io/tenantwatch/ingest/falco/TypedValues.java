package io.tenantwatch.ingest.falco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Falco's output_fields as Java values: strings, Long (BigInteger beyond 64 bits), Double for
 * fractions, Boolean, null, and lists and maps for the few list-valued fields. Integers never pass
 * through a double: evt.time is a 19-digit nanosecond count that a double would round.
 */
final class TypedValues {

    private TypedValues() {}

    /** The map at the parser's START_OBJECT; nesting is bounded by the parser's depth limit. */
    static Map<String, Object> readMap(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            out.put(key, read(p));
        }
        return Collections.unmodifiableMap(out);
    }

    static Object read(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> readList(p);
            case START_OBJECT -> readMap(p);
            default -> null;
        };
    }

    private static List<Object> readList(JsonParser p) throws IOException {
        List<Object> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(read(p));
        }
        return Collections.unmodifiableList(out);
    }
}
