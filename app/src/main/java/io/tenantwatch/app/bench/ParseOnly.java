package io.tenantwatch.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The ceiling no JSON pipeline beats (docs/architecture.md, "Performance yardsticks"): Jackson's
 * streaming parser tokenizing every byte of every event, one thread, nothing else. In an AKS
 * body each record's {@code properties.log} is itself an event, so it is tokenized too.
 */
final class ParseOnly {

    private final JsonFactory factory = Json.mapper().getFactory();
    /** Keeps the JIT from proving the loop useless. */
    private long sink;

    /** Tokenizes records [from, to) and returns the nanoseconds it took. */
    long run(TrafficFile traffic, int from, int to) {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            byte[] bytes = traffic.read(i);
            sink += tokenize(bytes, 0, traffic.length(i), true);
        }
        return System.nanoTime() - start;
    }

    long tokens() {
        return sink;
    }

    private long tokenize(byte[] bytes, int offset, int length, boolean outer) {
        long count = 0;
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                count++;
                if (outer && t == JsonToken.VALUE_STRING && "log".equals(p.currentName())) {
                    byte[] inner = p.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    count += tokenize(inner, 0, inner.length, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("generated traffic is valid JSON", e);
        }
        return count;
    }
}
