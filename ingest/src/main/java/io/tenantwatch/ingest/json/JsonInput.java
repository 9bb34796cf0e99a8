package io.tenantwatch.ingest.json;

import com.fasterxml.jackson.core.JsonParser;

/**
 * The buffer a parser reads, so that byte offsets of its tokens (relative to {@code offset}) can be
 * turned into {@link JsonSpan}s of that buffer.
 */
public record JsonInput(byte[] bytes, int offset) {

    /** Skips the value at the parser's current token and returns where it was. */
    public JsonSpan skipToSpan(JsonParser p) throws java.io.IOException {
        long start = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long end = p.currentLocation().getByteOffset();
        return new JsonSpan(bytes, offset + (int) start, (int) (end - start));
    }
}
