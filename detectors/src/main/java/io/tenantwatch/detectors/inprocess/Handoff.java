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
 * Hands objects between the in-process topology and the code that drives it by reference.
 * TopologyTestDriver takes and gives records only as bytes, and the other side decodes them again
 * moments later in the same process: encoding every event of a batch in {@code tw.normalized}'s
 * binary form and decoding it straight back was a third of replay's detection time (JFR,
 * {@code bench --mode topology}), and every alert's JSON, written by the sink and read back by the
 * driver's caller, a twelfth of the detection stage's. Here the bytes are only a ticket (8 bytes)
 * for an object parked until the other side reads it; one hand-off serves one topic of one driver.
 * The encodings keep their own round-trip tests.
 */
public class Handoff<T> implements Serde<T> {

    private static final int TICKET_BYTES = Long.BYTES;

    private final String what;
    private final Map<Long, T> parked = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    /** @param what what is handed over, for errors ("batch", "alert") */
    public Handoff(String what) {
        this.what = what;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            long ticket = tickets.incrementAndGet();
            parked.put(ticket, value);
            return ByteBuffer.allocate(TICKET_BYTES).putLong(ticket).array();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != TICKET_BYTES) {
                throw new SerializationException("not a " + what + " ticket on " + topic + ": " + bytes.length
                        + " bytes, expected " + TICKET_BYTES);
            }
            long ticket = ByteBuffer.wrap(bytes).getLong();
            T value = parked.remove(ticket);
            if (value == null) {
                throw new SerializationException("no " + what + " handed over under ticket " + ticket + " on " + topic);
            }
            return value;
        };
    }

    /** Objects handed over and not yet read (none once the other side has read them all). */
    public int waiting() {
        return parked.size();
    }
}
