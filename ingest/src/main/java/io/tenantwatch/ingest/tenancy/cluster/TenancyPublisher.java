package io.tenantwatch.ingest.tenancy.cluster;

import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.TenancyRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes resolved tenancy to the compacted {@code tw.tenancy} topic, sending only what changed:
 * new or changed records; a namespace that disappeared as a record marked deleted (with its uid,
 * so the old incarnation's tenant stays tied to it); an identity that no longer owns anything as a
 * tombstone. On start it reads back what the topic already holds, so a restarted directory
 * publishes the deletions that happened while it was down and nothing twice.
 */
public final class TenancyPublisher implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Producer<String, TenancyRecord> producer;
    private final Clock clock;
    /** What the topic holds for every key this directory is responsible for. */
    private final Map<String, TenancyRecord> published = new HashMap<>();

    public TenancyPublisher(String bootstrapServers, String topic, Clock clock) {
        this(KafkaConnection.plain(bootstrapServers), topic, clock);
    }

    public TenancyPublisher(KafkaConnection kafka, String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        Properties props = kafka.properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        Serializer<TenancyRecord> values = JsonSerde.tenancyRecord().serializer();
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
        loadExisting(kafka);
    }

    private void loadExisting(KafkaConnection kafka) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, TenancyRecord> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), JsonSerde.tenancyRecord().deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, SEND_TIMEOUT)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, SEND_TIMEOUT);
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TenancyDirectoryException(
                            "cannot read " + topic + " back within " + SEND_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, TenancyRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        published.remove(r.key());
                    } else {
                        published.put(r.key(), r.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            throw new TenancyDirectoryException(
                    topic + " holds a record that is not a tenancy record: " + e.getMessage(), e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Brings the topic's records for {@code cluster} in line with {@code resolution} and waits until
     * the broker has them all; returns how many records were sent.
     */
    public synchronized int publish(String cluster, ClusterTenancyResolver.Resolution resolution) {
        Map<String, TenancyRecord> desired = new HashMap<>(resolution.namespaces());
        desired.putAll(resolution.identities());
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<String, TenancyRecord> changes = new HashMap<>();
        desired.forEach((key, record) -> {
            if (!Objects.equals(published.get(key), record)) {
                changes.put(key, record);
            }
        });
        String nsPrefix = NamespaceTenancy.key(cluster, "");
        String idPrefix = "id:" + cluster + "/";
        for (Map.Entry<String, TenancyRecord> e : published.entrySet()) {
            String key = e.getKey();
            if (desired.containsKey(key) || !(key.startsWith(nsPrefix) || key.startsWith(idPrefix))) {
                continue;
            }
            if (e.getValue() instanceof NamespaceTenancy ns) {
                if (!ns.deleted()) {
                    changes.put(key, ns.deletedAt(clock.instant()));
                }
            } else if (e.getValue() instanceof IdentityTenancy) {
                changes.put(key, null);
            }
        }
        changes.forEach((key, record) -> sends.add(producer.send(new ProducerRecord<>(topic, key, record))));
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TenancyDirectoryException("interrupted while publishing tenancy", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new TenancyDirectoryException(
                        "cannot publish tenancy to " + topic + ": "
                                + ClusterBinding.oneLine(e.getCause() == null ? e : e.getCause()),
                        e);
            }
        }
        changes.forEach((key, record) -> {
            if (record == null) {
                published.remove(key);
            } else {
                published.put(key, record);
            }
        });
        return changes.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
