package io.tenantwatch.ingest.eventhubs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one hub through the namespace's Kafka endpoint ({@link KafkaEndpointConfig}), the
 * alternative to the AMQP processor: the same {@link HubIngest} path, and the position kept as the
 * consumer group's committed offsets on Event Hubs, committed only after Kafka (tenantwatch's own
 * cluster) acknowledged the records. Partitions are balanced over replicas by Kafka's group
 * protocol. One thread; records of a poll are written and committed before the next poll, so a
 * rebalance never moves a partition with records in hand past its commit.
 */
final class KafkaEndpointReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEndpointReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long ERROR_PAUSE_MS = 5_000;

    private final HubBinding binding;
    private final Properties properties;
    private final HubIngest ingest;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    KafkaEndpointReader(HubBinding binding, Properties consumerProperties, HubIngest ingest) {
        this.binding = binding;
        this.properties = consumerProperties;
        this.ingest = ingest;
        this.thread = new Thread(this::run, "tw-eventhubs-kafka-" + binding.eventHub());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(binding.eventHub()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(tp -> ingest.metrics().closed(Integer.toString(tp.partition())));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
            });
            while (!stopping) {
                try {
                    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        process(c, records);
                    }
                    refreshLag(c);
                } catch (WakeupException | DurableWriter.Stopping e) {
                    break;
                } catch (KafkaException e) {
                    ingest.metrics().error();
                    LOG.warn(
                            "event hub {} (Kafka endpoint): {}: {}; retrying in {} s",
                            binding.eventHub(),
                            e.getClass().getSimpleName(),
                            e.getMessage(),
                            ERROR_PAUSE_MS / 1000);
                    pause();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("event hub {} (Kafka endpoint): the reader stopped: {}", binding.eventHub(), e.toString());
        }
    }

    /** Writes each partition's records, then commits what was written. */
    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            List<HubMessage> messages = new ArrayList<>(list.size());
            for (ConsumerRecord<byte[], byte[]> r : list) {
                messages.add(new HubMessage(
                        r.value() == null ? new byte[0] : r.value(),
                        r.offset(),
                        r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp())));
            }
            ingest.process(Integer.toString(tp.partition()), messages); // returns once Kafka acknowledged
            done.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            c.commitSync(done);
            done.keySet().forEach(tp -> ingest.metrics()
                    .partition(Integer.toString(tp.partition()))
                    .checkpointed());
        } catch (CommitFailedException e) {
            // A rebalance took the partitions: their new reader starts from the last commit and reads
            // these records again, which deduplication absorbs.
            ingest.metrics().checkpointFailed();
            LOG.warn(
                    "event hub {} (Kafka endpoint): offsets not committed after a rebalance; the records will be read again",
                    binding.eventHub());
        }
    }

    /** Lag as the consumer knows it from its last fetch, without asking the service. */
    private void refreshLag(KafkaConsumer<byte[], byte[]> c) {
        for (TopicPartition tp : c.assignment()) {
            OptionalLong lag = c.currentLag(tp);
            if (lag.isPresent()) {
                long position = c.position(tp);
                HubMetrics.Partition meters = ingest.metrics().partition(Integer.toString(tp.partition()));
                meters.written(position - 1);
                meters.enqueued(position - 1 + lag.getAsLong());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
