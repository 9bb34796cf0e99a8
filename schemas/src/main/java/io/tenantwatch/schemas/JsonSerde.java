package io.tenantwatch.schemas;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for one of the contract records, as UTF-8 JSON; null maps to null (tombstones). */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.readerFor(type);
        this.writer = Json.writerFor(type);
    }

    public static JsonSerde<NormalizedEvent> normalizedEvent() {
        return new JsonSerde<>(NormalizedEvent.class);
    }

    /** {@code tw.tenancy} values, namespace and identity records alike (null is a tombstone). */
    public static JsonSerde<TenancyRecord> tenancyRecord() {
        return new JsonSerde<>(TenancyRecord.class);
    }

    public static JsonSerde<Alert> alert() {
        return new JsonSerde<>(Alert.class);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic, e);
            }
        };
    }
}
