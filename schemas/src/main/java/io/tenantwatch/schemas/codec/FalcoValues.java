package io.tenantwatch.schemas.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The untyped values of Falco's output_fields, each behind a type tag so that a value comes back as
 * the same Java type it went in as (a Long stays a Long: evt.time is a 19-digit nanosecond count).
 */
final class FalcoValues {

    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int STRING = 3;
    static final int INT32 = 4;
    static final int INT64 = 5;
    static final int FLOAT64 = 6;
    static final int FLOAT32 = 7;
    static final int BIG_INTEGER = 8;
    static final int DECIMAL = 9;
    static final int LIST = 10;
    static final int MAP = 11;

    /** Falco nests lists one level deep at most; a deeper record is corrupt (and would risk the stack). */
    static final int MAX_DEPTH = 32;

    private FalcoValues() {}

    static void writeMap(ByteWriter out, Map<String, ?> map, int depth) {
        out.uvarint(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new SerializationException("a Falco field with a null name");
            }
            out.string(e.getKey());
            write(out, e.getValue(), depth);
        }
    }

    static void write(ByteWriter out, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new SerializationException("Falco field values nested deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            out.u8(NULL);
        } else if (v instanceof String s) {
            out.u8(STRING);
            out.string(s);
        } else if (v instanceof Boolean b) {
            out.u8(b ? TRUE : FALSE);
        } else if (v instanceof Long l) {
            out.u8(INT64);
            out.svarint(l);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            // Short and Byte come back as Integer, as they would through JSON (as Long) anyway.
            out.u8(INT32);
            out.svarint(((Number) v).intValue());
        } else if (v instanceof Double d) {
            out.u8(FLOAT64);
            out.float64(d);
        } else if (v instanceof Float f) {
            out.u8(FLOAT32);
            out.float32(f);
        } else if (v instanceof BigInteger big) {
            out.u8(BIG_INTEGER);
            out.bytes(big.toByteArray());
        } else if (v instanceof BigDecimal dec) {
            out.u8(DECIMAL);
            out.svarint(dec.scale());
            out.bytes(dec.unscaledValue().toByteArray());
        } else if (v instanceof List<?> list) {
            out.u8(LIST);
            out.uvarint(list.size());
            for (Object item : list) {
                write(out, item, depth + 1);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.u8(MAP);
            out.uvarint(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SerializationException("a Falco field map with a key that is not a string");
                }
                out.string(key);
                write(out, e.getValue(), depth + 1);
            }
        } else {
            throw new SerializationException(
                    "a Falco field value of type " + v.getClass().getName() + " has no binary encoding");
        }
    }

    static Map<String, Object> readMap(ByteReader in, int depth) {
        // Each entry is at least a key length byte and a tag byte.
        int n = in.count(2);
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String key = in.nonNullString();
            if (out.containsKey(key)) {
                throw in.corrupt("duplicate Falco field " + key);
            }
            out.put(key, read(in, depth));
        }
        return out;
    }

    static Object read(ByteReader in, int depth) {
        if (depth > MAX_DEPTH) {
            throw in.corrupt("Falco field values nested deeper than " + MAX_DEPTH);
        }
        int tag = in.u8();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case STRING -> in.nonNullString();
            case INT32 -> in.svarint32();
            case INT64 -> in.svarint();
            case FLOAT64 -> in.float64();
            case FLOAT32 -> in.float32();
            case BIG_INTEGER -> bigInteger(in);
            case DECIMAL -> {
                int scale = in.svarint32();
                yield new BigDecimal(bigInteger(in), scale);
            }
            case LIST -> readList(in, depth + 1);
            case MAP -> Collections.unmodifiableMap(readMap(in, depth + 1));
            default -> throw in.corrupt("unknown Falco value tag " + tag);
        };
    }

    private static BigInteger bigInteger(ByteReader in) {
        byte[] b = in.bytes();
        if (b.length == 0) {
            throw in.corrupt("empty big integer");
        }
        return new BigInteger(b);
    }

    private static List<Object> readList(ByteReader in, int depth) {
        int n = in.count(1);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read(in, depth));
        }
        return Collections.unmodifiableList(out);
    }
}
