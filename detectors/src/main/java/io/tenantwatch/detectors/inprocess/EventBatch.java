package io.tenantwatch.detectors.inprocess;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.codec.NormalizedEventCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Consecutive events handed to the in-process topology as one record. The driver that runs
 * {@code replay} pays a fixed cost per record it is given (matching the topic against every source,
 * committing, capturing outputs), several times what an event's detection costs; a batch pays it
 * once for many. {@link UnbatchProcessor} gives every event its own record again, with its own key
 * and event time, before the first processor of the service's topology sees it.
 */
public record EventBatch(List<NormalizedEvent> events) {

    public EventBatch {
        events = List.copyOf(events);
    }

    /** Each event in the binary encoding of {@code tw.normalized}, after its length; a count first. */
    public static Serde<EventBatch> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    private static Serializer<EventBatch> serializer() {
        return (topic, batch) -> {
            if (batch == null) {
                return null;
            }
            List<byte[]> encoded = new ArrayList<>(batch.events().size());
            int size = Integer.BYTES;
            for (NormalizedEvent event : batch.events()) {
                byte[] bytes = NormalizedEventCodec.encode(event);
                encoded.add(bytes);
                size += Integer.BYTES + bytes.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).putInt(encoded.size());
            for (byte[] bytes : encoded) {
                out.putInt(bytes.length).put(bytes);
            }
            return out.array();
        };
    }

    private static Deserializer<EventBatch> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes);
                int count = in.getInt();
                List<NormalizedEvent> events = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    byte[] event = new byte[in.getInt()];
                    in.get(event);
                    events.add(NormalizedEventCodec.decode(event));
                }
                if (in.hasRemaining()) {
                    throw new SerializationException(in.remaining() + " bytes after a batch of " + count + " events");
                }
                return new EventBatch(events);
            } catch (RuntimeException e) {
                throw e instanceof SerializationException s
                        ? s
                        : new SerializationException("corrupt event batch on " + topic, e);
            }
        };
    }
}
