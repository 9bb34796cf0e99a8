package io.tenantwatch.ingest.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one Jackson set-up for reading input: a factory whose nesting limit makes a 200,000-deep input
 * fail at the limit instead of overflowing a stack, with a mapper as its codec for the few subtrees
 * we build ({@code readValueAsTree}). Thread-safe; create once per limit set and reuse.
 */
public final class JsonSupport {

    /** Whether a buffer holds complete JSON, JSON cut short, or neither. */
    public enum Syntax {
        EMPTY,
        VALID,
        TRUNCATED,
        INVALID
    }

    private final JsonFactory factory;

    public JsonSupport(int maxNestingDepth) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .build())
                .build();
        factory.setCodec(new ObjectMapper(factory));
    }

    public JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        return factory.createParser(bytes, offset, length);
    }

    public JsonParser parser(JsonSpan span) throws IOException {
        return parser(span.bytes(), span.offset(), span.length());
    }

    public JsonGenerator generator(OutputStream out) throws IOException {
        return factory.createGenerator(out, JsonEncoding.UTF8);
    }

    /** Tokenizes without building anything; a sequence of values (JSON lines) counts as valid. */
    public Syntax syntax(byte[] bytes, int offset, int length) {
        try (JsonParser p = parser(bytes, offset, length)) {
            if (p.nextToken() == null) {
                return Syntax.EMPTY;
            }
            do {
                p.skipChildren();
            } while (p.nextToken() != null);
            return Syntax.VALID;
        } catch (JsonProcessingException e) {
            return ParseFailure.isEndOfInput(e) ? Syntax.TRUNCATED : Syntax.INVALID;
        } catch (IOException e) {
            return Syntax.INVALID;
        }
    }
}
