package io.tenantwatch.ingest.replay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (the reader wants UTF-8 bytes) and without
 * ever holding more than one line: a line longer than the limit is not buffered, only its first
 * bytes are kept and the rest is counted and discarded. "\n" and "\r\n" both end a line.
 */
final class ByteLines {

    /**
     * One line without its terminator; its bytes are valid until the next call. When
     * {@code fullLength > length}, the line was longer than the limit and only a prefix is held.
     */
    record Line(byte[] bytes, int offset, int length, long fullLength) {
        boolean oversize() {
            return fullLength > length;
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    /** A line of maxLine bytes plus "\r\n" must fit to be recognized as within the limit. */
    private final int capacity;

    private byte[] buf;
    private int start;
    private int end;
    private boolean eof;

    ByteLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.capacity = maxLine + 2;
        this.buf = new byte[Math.min(CHUNK, capacity)];
    }

    /** Drops a UTF-8 byte-order mark at the start of the stream (Windows tools write one). */
    void skipByteOrderMark() throws IOException {
        while (end - start < 3 && fill()) {
            // a short read at the start: keep filling
        }
        if (end - start >= 3
                && buf[start] == (byte) 0xEF
                && buf[start + 1] == (byte) 0xBB
                && buf[start + 2] == (byte) 0xBF) {
            start += 3;
        }
    }

    /** The next line that is not blank, or null at the end of the stream. */
    Line next() throws IOException {
        Line line;
        do {
            line = nextLine();
        } while (line != null && !line.oversize() && isBlank(line));
        return line;
    }

    /**
     * Everything not yet returned, up to {@code limit + 1} bytes (one more than allowed, so that the
     * caller can tell the rest is too long); what lies beyond stays unread in the stream.
     */
    byte[] drain(int limit) throws IOException {
        int buffered = Math.min(end - start, limit + 1);
        byte[] head = Arrays.copyOfRange(buf, start, start + buffered);
        start += buffered;
        byte[] tail = eof || buffered > limit ? new byte[0] : in.readNBytes(limit + 1 - buffered);
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private Line nextLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    int from = start;
                    start = i + 1;
                    return line(from, i);
                }
            }
            scanned = end - start;
            if (scanned > maxLine + 1) {
                return skipOversize();
            }
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                int from = start;
                start = end;
                return line(from, end);
            }
        }
    }

    private Line line(int from, int to) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        int length = to - from;
        if (length > maxLine) {
            return new Line(Arrays.copyOfRange(buf, from, from + maxLine), 0, maxLine, length);
        }
        return new Line(buf, from, length, length);
    }

    /** Keeps the first maxLine bytes of the current line, counts and drops the rest up to its end. */
    private Line skipOversize() throws IOException {
        byte[] prefix = Arrays.copyOfRange(buf, start, start + maxLine);
        long total = 0;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    total += i - start;
                    start = i + 1;
                    return new Line(prefix, 0, maxLine, total);
                }
            }
            total += end - start;
            start = end;
            if (!fill()) {
                return new Line(prefix, 0, maxLine, total);
            }
        }
    }

    /** Reads more into the buffer, moving or growing it when full; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, capacity));
            }
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    private static boolean isBlank(Line line) {
        for (int i = line.offset(); i < line.offset() + line.length(); i++) {
            byte b = line.bytes()[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
