package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.codec.ByteReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The read half of {@link CompactWriter}'s encoding, on the primitives of the normalized event's
 * codec ({@link ByteReader}): every read is checked against the end of the input, so a truncated
 * or corrupt record is a {@link SerializationException} (which the service's handler sends to the
 * DLQ), never an index error or a huge allocation. Adds what group F's records need on top: string
 * lists, enums by number and a check that nothing follows the record.
 */
final class CompactReader {

    private final ByteReader in;
    private int version;

    CompactReader(byte[] bytes, String what) {
        this.in = new ByteReader(bytes, 0, what);
    }

    /** The record's version, once its serde has read it: a reader of several layouts asks which this is. */
    int version() {
        return version;
    }

    void version(int value) {
        this.version = value;
    }

    int readByte() {
        return in.u8();
    }

    boolean readBoolean() {
        return in.bool();
    }

    long readVarLong() {
        return in.uvarint();
    }

    long readSignedVarLong() {
        return in.svarint();
    }

    /** A count or length: must fit in what is left, so a corrupt one cannot allocate much. */
    int readCount() {
        return in.count(1);
    }

    String readString() {
        return in.string();
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
        if (n < 0 || n > values.length) {
            throw corrupt("no " + values.getClass().getComponentType().getSimpleName() + " number " + (n - 1));
        }
        return values[(int) (n - 1)];
    }

    /** The whole input was read: trailing bytes mean a record of another layout. */
    void end() {
        if (in.remaining() != 0) {
            throw corrupt(in.remaining() + " bytes after the end");
        }
    }

    SerializationException corrupt(String detail) {
        return in.corrupt(detail);
    }
}
