package io.tenantwatch.detectors.inprocess;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Hands {@link EventBatch}es to the in-process topology by reference. TopologyTestDriver takes a
 * record only as bytes, and deserializes it again moments later in the same process: encoding every
 * event of a batch in {@code tw.normalized}'s binary form and decoding it straight back was a third
 * of replay's detection time (JFR, {@code bench --mode topology}), and told nothing that the codec's
 * own tests do not. Here the bytes are only a ticket (8 bytes) for a batch parked until the
 * topology's source reads it; one handoff serves one topology and the driver that feeds it.
 */
public final class BatchHandoff implements Serde<EventBatch> {

    private static final int TICKET_BYTES = Long.BYTES;

    private final Map<Long, EventBatch> parked = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    @Override
    public Serializer<EventBatch> serializer() {
        return (topic, batch) -> {
            if (batch == null) {
                return null;
            }
            long ticket = tickets.incrementAndGet();
            parked.put(ticket, batch);
            return ByteBuffer.allocate(TICKET_BYTES).putLong(ticket).array();
        };
    }

    @Override
    public Deserializer<EventBatch> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != TICKET_BYTES) {
                throw new SerializationException(
                        "not a batch ticket on " + topic + ": " + bytes.length + " bytes, expected " + TICKET_BYTES);
            }
            long ticket = ByteBuffer.wrap(bytes).getLong();
            EventBatch batch = parked.remove(ticket);
            if (batch == null) {
                throw new SerializationException("no batch handed over under ticket " + ticket + " on " + topic);
            }
            return batch;
        };
    }

    /** Batches handed over and not yet read by the topology (none once the driver has processed them). */
    public int waiting() {
        return parked.size();
    }
}
