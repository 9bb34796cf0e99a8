package io.tenantwatch.detectors.stateful;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The read half of {@link CompactWriter}'s encoding. Every read is checked against the end of the
 * input: a truncated or corrupt record is a {@link SerializationException} (which the service's
 * handler sends to the DLQ), never an index error or a huge allocation.
 */
final class CompactReader {

    private final byte[] bytes;
    private final String what;
    private int position;

    CompactReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    int readByte() {
        if (position >= bytes.length) {
            throw truncated();
        }
        return bytes[position++] & 0xFF;
    }

    boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw corrupt("a boolean of " + b);
        }
        return b == 1;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("a varint longer than 10 bytes");
    }

    long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A count or length: must fit in what is left, so a corrupt one cannot allocate much. */
    int readCount() {
        long n = readVarLong();
        if (n < 0) {
            throw corrupt("a count of " + Long.toUnsignedString(n));
        }
        if (n > bytes.length - position) {
            throw truncated();
        }
        return (int) n;
    }

    String readString() {
        long n = readVarLong();
        if (n == 0) {
            return null;
        }
        if (n < 0) {
            throw corrupt("a length of " + Long.toUnsignedString(n));
        }
        if (n - 1 > bytes.length - position) {
            throw truncated();
        }
        int length = (int) (n - 1);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    List<String> readStrings() {
        int count = readCount();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    <E extends Enum<E>> E readEnum(E[] values) {
        long n = readVarLong();
        if (n == 0) {
            return null;
        }
        if (n > values.length) {
            throw corrupt("no " + values.getClass().getComponentType().getSimpleName() + " number " + (n - 1));
        }
        return values[(int) (n - 1)];
    }

    /** The whole input was read: trailing bytes mean a record of another layout. */
    void end() {
        if (position != bytes.length) {
            throw corrupt((bytes.length - position) + " bytes after the end");
        }
    }

    SerializationException truncated() {
        return new SerializationException(what + ": truncated at byte " + position + " of " + bytes.length);
    }

    SerializationException corrupt(String detail) {
        return new SerializationException(what + ": " + detail + " at byte " + position);
    }
}
