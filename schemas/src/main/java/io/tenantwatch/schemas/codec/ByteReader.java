package io.tenantwatch.schemas.codec;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the primitives of the binary layout from one record. Every read is checked against the
 * bytes that remain, and every length or count against what they could still hold, so that a
 * truncated or corrupt record fails with a {@link SerializationException} and never allocates
 * more than the record's own size.
 */
public final class ByteReader {

    private final byte[] buf;
    private final String what;
    private int pos;

    ByteReader(byte[] buf, int pos) {
        this(buf, pos, "NormalizedEvent");
    }

    /** Reads {@code buf} from {@code pos}; {@code what} names the record in every error. */
    public ByteReader(byte[] buf, int pos, String what) {
        this.buf = buf;
        this.pos = pos;
        this.what = what;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int position() {
        return pos;
    }

    public SerializationException corrupt(String problem) {
        return new SerializationException("corrupt " + what + " record: " + problem + " at byte " + pos);
    }

    public int u8() {
        if (pos >= buf.length) {
            throw corrupt("truncated");
        }
        return buf[pos++] & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw corrupt("boolean " + b);
        }
        return b == 1;
    }

    /** A presence byte: 0 absent, 1 present. */
    boolean present() {
        return bool();
    }

    public long uvarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && b > 1) {
                    throw corrupt("varint over 64 bits");
                }
                return v;
            }
        }
        throw corrupt("varint over 10 bytes");
    }

    public long svarint() {
        long v = uvarint();
        return (v >>> 1) ^ -(v & 1);
    }

    int svarint32() {
        long v = svarint();
        if (v != (int) v) {
            throw corrupt("32-bit integer out of range");
        }
        return (int) v;
    }

    /** A length or count of items each at least {@code minItemBytes} long, bounded by what remains. */
    public int count(int minItemBytes) {
        long n = uvarint();
        if (n > remaining() / Math.max(1, minItemBytes)) {
            throw corrupt("count " + n + " with " + remaining() + " bytes left");
        }
        return (int) n;
    }

    double float64() {
        return Double.longBitsToDouble(fixed(8));
    }

    float float32() {
        return Float.intBitsToFloat((int) fixed(4));
    }

    private long fixed(int bytes) {
        need(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    byte[] bytes() {
        int n = count(1);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    public String string() {
        long n = uvarint();
        if (n == 0) {
            return null;
        }
        n--;
        if (n > remaining()) {
            throw corrupt("string of " + n + " bytes with " + remaining() + " left");
        }
        String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** A string that the layout never leaves null (map keys, Falco string values). */
    String nonNullString() {
        String s = string();
        if (s == null) {
            throw corrupt("null where a string is required");
        }
        return s;
    }

    private void need(int n) {
        if (n > remaining()) {
            throw corrupt("truncated");
        }
    }
}
