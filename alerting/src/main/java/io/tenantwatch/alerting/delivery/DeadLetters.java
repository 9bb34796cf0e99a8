package io.tenantwatch.alerting.delivery;

import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.KafkaCallException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes alerts that cannot be delivered to {@code tw.dlq}, with the DLQ headers saying stage
 * {@value #STAGE}, the reason, a secret-free detail (sink, attempts, last error) and where the
 * record came from. Synchronous: the caller finishes the record only once the DLQ has it.
 */
public final class DeadLetters {

    public static final String STAGE = "alerting";
    /** The alert failed on a sink {@code maxAttempts} times. */
    public static final String MAX_ATTEMPTS = "max-attempts";
    /** The sink refused the payload for good (an HTTP 4xx other than 408/425/429). */
    public static final String REJECTED = "rejected";
    /** A parked delivery names a sink the routes file no longer has. */
    public static final String UNKNOWN_SINK = "unknown-sink";

    /** Where a record came from, for the DLQ headers; null when it has no one source (a grouped update). */
    public record Origin(String topic, int partition, long offset) {}

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public DeadLetters(Producer<String, byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** @throws KafkaCallException when Kafka did not take it in time (the record stays unfinished) */
    public void send(String key, byte[] value, String reason, String detail, Origin origin) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        Headers h = record.headers();
        h.add(DlqHeaders.STAGE, bytes(STAGE));
        h.add(DlqHeaders.REASON, bytes(reason));
        if (detail != null) {
            h.add(DlqHeaders.DETAIL, bytes(detail));
        }
        if (origin != null) {
            h.add(DlqHeaders.SOURCE_TOPIC, bytes(origin.topic()));
            h.add(DlqHeaders.SOURCE_PARTITION, bytes(Integer.toString(origin.partition())));
            h.add(DlqHeaders.SOURCE_OFFSET, bytes(Long.toString(origin.offset())));
        }
        KafkaCallException.await(producer.send(record), timeout, "write to the DLQ " + topic);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
