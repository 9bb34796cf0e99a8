package io.tenantwatch.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory, never more than the limit: a declared Content-Length over the
 * limit is refused before a byte is read, and a chunked body is refused as soon as it passes it.
 */
final class BodyReader {

    private static final int FIRST_BUFFER = 64 * 1024;

    private BodyReader() {}

    /** A body of {@code length} bytes in {@code bytes[0, length)}. */
    record Body(byte[] bytes, int length) {}

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     */
    static Body read(InputStream in, long declaredLength, int limit) throws IOException {
        if (declaredLength > limit) {
            throw tooLarge(declaredLength, limit);
        }
        if (declaredLength >= 0) {
            byte[] bytes = in.readNBytes((int) declaredLength);
            if (bytes.length < declaredLength) {
                throw new IOException("request body ended after " + bytes.length + " of " + declaredLength + " bytes");
            }
            return new Body(bytes, bytes.length);
        }
        byte[] buf = new byte[Math.min(FIRST_BUFFER, limit + 1)];
        int length = 0;
        while (true) {
            if (length == buf.length) {
                if (length > limit) {
                    throw tooLarge(-1, limit);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) limit + 1, 2L * buf.length));
            }
            int n = in.read(buf, length, buf.length - length);
            if (n < 0) {
                return new Body(buf, length);
            }
            length += n;
        }
    }

    private static BodyTooLargeException tooLarge(long declared, int limit) {
        return new BodyTooLargeException((declared >= 0 ? "request body of " + declared + " bytes" : "request body")
                + " exceeds the limit of " + limit + " bytes");
    }
}
