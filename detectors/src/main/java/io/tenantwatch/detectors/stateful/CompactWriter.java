package io.tenantwatch.detectors.stateful;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The write half of group F's compact binary encoding ({@link ObservationSerde}): unsigned
 * varints (LEB128), strings as a varint of their UTF-8 length plus one (zero for null) and their
 * bytes, lists as a varint count and their items. No field names, no alignment: what crosses a
 * repartition topic or sits in a store per event is the values alone.
 */
final class CompactWriter {

    private byte[] bytes;
    private int size;

    CompactWriter(int expected) {
        this.bytes = new byte[Math.max(16, expected)];
    }

    CompactWriter writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    CompactWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** Unsigned: negative values take ten bytes, so signed ones go through {@link #writeSignedVarLong}. */
    CompactWriter writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    /** Zigzag, so that small negative numbers stay small. */
    CompactWriter writeSignedVarLong(long value) {
        return writeVarLong((value << 1) ^ (value >> 63));
    }

    CompactWriter writeString(String value) {
        if (value == null) {
            return writeVarLong(0);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(utf8.length + 1L);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    CompactWriter writeStrings(List<String> values) {
        writeVarLong(values.size());
        for (int i = 0; i < values.size(); i++) {
            writeString(values.get(i));
        }
        return this;
    }

    /** An enum constant as its ordinal plus one (zero for null): the serde's version byte pins the order. */
    CompactWriter writeEnum(Enum<?> value) {
        return writeVarLong(value == null ? 0 : value.ordinal() + 1L);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
