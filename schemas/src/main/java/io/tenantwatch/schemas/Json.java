package io.tenantwatch.schemas;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration for tenantwatch's own records: RFC 3339 times, unknown fields
 * tolerated (so an older reader survives a newer writer), integers in untyped maps as Longs. Readers and writers are thread-safe and
 * meant to be created once and reused.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Falco output_fields are untyped: read every integer as a Long, as ingest writes them,
            // so an event survives a Kafka round trip unchanged.
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private Json() {}

    /** The shared mapper. Do not reconfigure it; derive readers and writers instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectReader readerFor(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    public static ObjectWriter writerFor(Class<?> type) {
        return MAPPER.writerFor(type);
    }
}
