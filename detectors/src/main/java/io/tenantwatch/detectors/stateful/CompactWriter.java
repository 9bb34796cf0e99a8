package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.codec.ByteWriter;
import java.util.List;

/**
 * The write half of group F's compact binary encoding ({@link ObservationSerde}): unsigned
 * varints (LEB128), strings as a varint of their UTF-8 length plus one (zero for null) and their
 * bytes, lists as a varint count and their items. No field names, no alignment: what crosses a
 * repartition topic or sits in a store per event is the values alone. The primitives are the
 * normalized event codec's ({@link ByteWriter}); this adds string lists and enums.
 */
final class CompactWriter {

    private final ByteWriter out;

    CompactWriter(int expected) {
        this.out = new ByteWriter(Math.max(16, expected));
    }

    CompactWriter writeByte(int value) {
        out.u8(value);
        return this;
    }

    CompactWriter writeBoolean(boolean value) {
        out.bool(value);
        return this;
    }

    /** Unsigned: negative values take ten bytes, so signed ones go through {@link #writeSignedVarLong}. */
    CompactWriter writeVarLong(long value) {
        out.uvarint(value);
        return this;
    }

    /** Zigzag, so that small negative numbers stay small. */
    CompactWriter writeSignedVarLong(long value) {
        out.svarint(value);
        return this;
    }

    CompactWriter writeString(String value) {
        out.string(value);
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
        return out.toByteArray();
    }
}
