package io.tenantwatch.schemas.codec;

import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of {@code tw.normalized} and the stores that hold events between stages: writes the
 * binary encoding ({@link NormalizedEventCodec}), reads it and the JSON of 0.1, so that a topic or a
 * changelog still holding 0.1 records stays readable. Null maps to null (tombstones).
 */
public final class NormalizedEventSerde implements Serde<NormalizedEvent> {

    private final Deserializer<NormalizedEvent> json =
            JsonSerde.normalizedEvent().deserializer();

    @Override
    public Serializer<NormalizedEvent> serializer() {
        return (topic, event) -> event == null ? null : NormalizedEventCodec.encode(event);
    }

    @Override
    public Deserializer<NormalizedEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && isJsonStart(bytes[0])) {
                return json.deserialize(topic, bytes);
            }
            try {
                return NormalizedEventCodec.decode(bytes);
            } catch (SerializationException e) {
                throw new SerializationException(
                        "cannot read NormalizedEvent from topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    /** JSON text starts with '{', whitespace or a UTF-8 byte-order mark; no binary version byte does. */
    static boolean isJsonStart(byte first) {
        return first == '{' || first == ' ' || first == '\t' || first == '\n' || first == '\r' || first == (byte) 0xEF;
    }
}
