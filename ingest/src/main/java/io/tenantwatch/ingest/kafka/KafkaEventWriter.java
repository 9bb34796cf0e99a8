package io.tenantwatch.ingest.kafka;

import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.EventHeaders;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@link EventWriter} on a {@link KafkaProducer}: idempotent, {@code acks=all}, lz4.
 *
 * <p>Backpressure is bounded twice, so that a slow or absent cluster surfaces within seconds as a
 * failed future (which the receivers answer with 503) rather than as threads piling up: a
 * semaphore caps the records in flight across all callers ({@link WriterBusyException} at once
 * when it is exhausted), and the producer's {@code buffer.memory} and {@code max.block.ms} bound
 * what {@code send} may buffer and how long it may wait for metadata or buffer space.
 */
public final class KafkaEventWriter implements EventWriter {

    public static final int DEFAULT_MAX_IN_FLIGHT_RECORDS = 20_000;

    /**
     * A dead-letter value is cut to this size: a rejected record may be up to 1 MiB (the reader's
     * record limit), and with headers it would then exceed the producer's and broker's default
     * 1 MiB message limit, fail on every retry and block its whole request for good.
     */
    static final int MAX_DEAD_LETTER_BYTES = 900 * 1024;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final int maxInFlight;
    private final Semaphore inFlight;
    /** tw.normalized is binary from 0.2 on; detection still reads the JSON of 0.1. */
    private final Serializer<NormalizedEvent> eventSerializer = new NormalizedEventSerde().serializer();

    /**
     * @param producerProperties e.g. {@link #producerProperties(String)} plus the cluster's security
     *                           settings; the serializers are always set here
     * @param topics             where events ({@link Topics#normalized()}) and rejects ({@link Topics#dlq()}) go
     * @param maxInFlightRecords records sent but not yet acknowledged, across all callers
     */
    public KafkaEventWriter(Properties producerProperties, Topics topics, int maxInFlightRecords) {
        if (maxInFlightRecords < 1) {
            throw new IllegalArgumentException("maxInFlightRecords must be at least 1, was " + maxInFlightRecords);
        }
        this.topics = Objects.requireNonNull(topics, "topics");
        this.maxInFlight = maxInFlightRecords;
        this.inFlight = new Semaphore(maxInFlightRecords);
        Properties props = new Properties();
        props.putAll(Objects.requireNonNull(producerProperties, "producerProperties"));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * The defaults: idempotent with {@code acks=all} (a retried batch is never duplicated or
     * reordered within a partition), lz4 (pure Java fallback, unlike zstd's native library), a few
     * milliseconds of linger so that concurrent requests share batches, 32 MiB of buffer, and
     * {@code max.block.ms} of 2 s so that a missing cluster turns into a 503 quickly. Delivery
     * gives up after 15 s, a little after a receiver stops waiting (10 s by default).
     */
    public static Properties producerProperties(KafkaConnection kafka) {
        Properties p = producerProperties(kafka.bootstrapServers());
        p.putAll(kafka.settings());
        return p;
    }

    /** {@link #producerProperties(KafkaConnection)} for a plaintext cluster. */
    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(32L << 20));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        return p;
    }

    /** Records sent and not yet acknowledged (for a gauge). */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    @Override
    public CompletableFuture<Void> write(List<NormalizedEvent> events, List<DeadLetter> deadLetters) {
        int total = events.size() + deadLetters.size();
        if (total == 0) {
            return CompletableFuture.completedFuture(null);
        }
        // A batch bigger than the whole limit takes all of it rather than never fitting.
        int permits = Math.min(total, maxInFlight);
        if (!inFlight.tryAcquire(permits)) {
            return CompletableFuture.failedFuture(new WriterBusyException(
                    "the Kafka writer has " + inFlight() + " records in flight (limit " + maxInFlight + ")"));
        }
        PendingBatch batch = new PendingBatch(total, () -> inFlight.release(permits));
        byte[] receivedAt = EventHeaders.encodeMillis(System.currentTimeMillis());
        try {
            for (NormalizedEvent e : events) {
                if (batch.failed()) {
                    break;
                }
                byte[] value = eventSerializer.serialize(topics.normalized(), e);
                RecordHeaders headers = new RecordHeaders();
                headers.add(EventHeaders.RECEIVED, receivedAt);
                send(new ProducerRecord<>(topics.normalized(), null, e.partitionKey(), value, headers), batch);
            }
            for (DeadLetter d : deadLetters) {
                if (batch.failed()) {
                    break;
                }
                send(deadLetterRecord(d), batch);
            }
        } catch (RuntimeException e) {
            batch.fail(e);
        }
        batch.sealed();
        return batch.future();
    }

    private void send(ProducerRecord<String, byte[]> record, PendingBatch batch) {
        batch.willSend();
        try {
            producer.send(record, batch);
        } catch (RuntimeException e) {
            // send threw instead of calling back (producer closed, interrupted, serialization).
            batch.notSent();
            throw e;
        }
    }

    private ProducerRecord<String, byte[]> deadLetterRecord(DeadLetter d) {
        byte[] value = d.original();
        String detail = d.detail();
        if (value.length > MAX_DEAD_LETTER_BYTES) {
            detail = (detail == null ? "" : detail + "; ") + "original cut to " + MAX_DEAD_LETTER_BYTES + " of "
                    + value.length + " bytes";
            value = Arrays.copyOf(value, MAX_DEAD_LETTER_BYTES);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(DlqHeaders.STAGE, utf8(d.stage()));
        headers.add(DlqHeaders.REASON, utf8(d.reason().label()));
        if (detail != null) {
            headers.add(DlqHeaders.DETAIL, utf8(detail));
        }
        return new ProducerRecord<>(topics.dlq(), null, d.key(), value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
