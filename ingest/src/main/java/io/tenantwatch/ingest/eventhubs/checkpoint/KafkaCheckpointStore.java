package io.tenantwatch.ingest.eventhubs.checkpoint;

import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.PartitionOwnership;
import io.tenantwatch.ingest.eventhubs.checkpoint.StoreRecords.CheckpointValue;
import io.tenantwatch.ingest.eventhubs.checkpoint.StoreRecords.ClaimValue;
import io.tenantwatch.schemas.KafkaCallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Event Hubs SDK's {@link CheckpointStore} on a compacted Kafka topic
 * ({@code tw.eventhubs.checkpoints}), so that no Blob Storage account is needed.
 *
 * <p>All records of one processor group (namespace, hub, consumer group) go to one partition of
 * the topic, chosen by a hash of the group, so that the log orders its claims. Before every answer
 * the store reads the topic back to its end: a claim is written, acknowledged, then read back, and
 * won only if {@link OwnershipLog} says so (first claim on the current etag in log order). The
 * partition count of the topic must not change once checkpoints are in it.
 *
 * <p>Checkpoints are stored as given, also with a null offset and sequence number (the SDK then
 * starts the partition from its initial position). Thread-safe; the SDK calls it from its load
 * balancer and every partition's thread, so blocking work runs on Reactor's bounded elastic pool.
 */
public final class KafkaCheckpointStore implements CheckpointStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointStore.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;
    /** Guarded by {@code this}, as is {@link #log}. */
    private final KafkaConsumer<String, byte[]> consumer;

    private final List<TopicPartition> partitions;
    private final OwnershipLog log = new OwnershipLog();
    /** Outcomes of this instance's claims, filled while reading back; guarded by {@code this}. */
    private final Map<String, Long> wonAt = new HashMap<>();

    private boolean foreignRecordLogged;
    private boolean closed;

    /**
     * @param kafka bootstrap servers and security settings of tenantwatch's cluster
     * @param topic the compacted checkpoint topic; it must exist
     * @throws KafkaCallException when the topic does not exist or cannot be described in time
     */
    public KafkaCheckpointStore(Properties kafka, String topic) {
        this(kafka, topic, DEFAULT_TIMEOUT);
    }

    public KafkaCheckpointStore(Properties kafka, String topic, Duration timeout) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout.toMillis(), 5_000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout.toMillis(), 5_000) - 1));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(kafka);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, byte[]> created =
                new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = created.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaCallException("topic " + topic + " does not exist; tenantwatch creates it at start,"
                        + " or create it with cleanup.policy=compact");
            }
            List<TopicPartition> tps = new ArrayList<>();
            infos.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
            tps.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            created.assign(tps);
            created.seekToBeginning(tps);
            this.partitions = List.copyOf(tps);
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            throw e instanceof KafkaCallException
                    ? e
                    : new KafkaCallException("cannot read topic " + topic + ": " + e.getMessage(), e);
        }
        this.consumer = created;
        try {
            synchronized (this) {
                catchUp(); // the log as found at start: its compacted history is read leniently, once
                log.settle();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Flux<PartitionOwnership> listOwnership(String namespace, String eventHub, String consumerGroup) {
        return Mono.fromCallable(() -> owners(namespace, eventHub, consumerGroup))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(list -> list);
    }

    @Override
    public Flux<PartitionOwnership> claimOwnership(List<PartitionOwnership> requested) {
        return Mono.fromCallable(() -> claim(requested))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(list -> list);
    }

    @Override
    public Flux<Checkpoint> listCheckpoints(String namespace, String eventHub, String consumerGroup) {
        return Mono.fromCallable(() -> checkpoints(namespace, eventHub, consumerGroup))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(list -> list);
    }

    @Override
    public Mono<Void> updateCheckpoint(Checkpoint checkpoint) {
        return Mono.<Void>fromRunnable(() -> write(checkpoint)).subscribeOn(Schedulers.boundedElastic());
    }

    private List<PartitionOwnership> owners(String namespace, String eventHub, String consumerGroup) {
        String scope = StoreRecords.scope(namespace, eventHub, consumerGroup);
        List<PartitionOwnership> out = new ArrayList<>();
        synchronized (this) {
            catchUp();
            log.owners(scope)
                    .forEach((partitionId, owner) -> out.add(new PartitionOwnership()
                            .setFullyQualifiedNamespace(namespace)
                            .setEventHubName(eventHub)
                            .setConsumerGroup(consumerGroup)
                            .setPartitionId(partitionId)
                            .setOwnerId(owner.ownerId())
                            .setETag(owner.eTag())
                            .setLastModifiedTime(owner.lastModifiedTime())));
        }
        return out;
    }

    private List<Checkpoint> checkpoints(String namespace, String eventHub, String consumerGroup) {
        String scope = StoreRecords.scope(namespace, eventHub, consumerGroup);
        List<Checkpoint> out = new ArrayList<>();
        synchronized (this) {
            catchUp();
            log.checkpoints(scope)
                    .forEach((partitionId, c) -> out.add(new Checkpoint()
                            .setFullyQualifiedNamespace(namespace)
                            .setEventHubName(eventHub)
                            .setConsumerGroup(consumerGroup)
                            .setPartitionId(partitionId)
                            .setOffset(c.offset())
                            .setOffsetString(c.offsetString())
                            .setSequenceNumber(c.sequenceNumber())));
        }
        return out;
    }

    /** One claim record per requested ownership, acknowledged, read back, decided by the log. */
    private List<PartitionOwnership> claim(List<PartitionOwnership> requested) {
        record Pending(
                PartitionOwnership request, String scope, String key, String eTag, Future<RecordMetadata> sent) {}
        List<Pending> pending = new ArrayList<>();
        for (PartitionOwnership r : requested) {
            String eTag = OwnershipLog.nextETag(r.getETag());
            if (eTag == null) {
                continue; // an etag this store never handed out cannot be current
            }
            String scope =
                    StoreRecords.scope(r.getFullyQualifiedNamespace(), r.getEventHubName(), r.getConsumerGroup());
            String key = StoreRecords.claimKey(scope, r.getPartitionId(), eTag);
            byte[] value = StoreRecords.encode(new ClaimValue(r.getOwnerId(), r.getETag(), eTag));
            pending.add(new Pending(r, scope, key, eTag, producer.send(record(scope, key, value))));
        }
        List<Pending> written = new ArrayList<>();
        for (Pending p : pending) {
            try {
                p.sent().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                written.add(p);
            } catch (ExecutionException | TimeoutException e) {
                // Not acknowledged: not claimed. If it landed after all, it is decided like any other
                // claim, and this owner renews or loses it on the next load-balancing cycle.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while claiming partitions", e);
            }
        }
        List<PartitionOwnership> won = new ArrayList<>();
        List<String> obsolete = new ArrayList<>();
        synchronized (this) {
            written.forEach(p -> wonAt.put(p.key(), null));
            try {
                catchUp();
                for (Pending p : written) {
                    Long at = wonAt.get(p.key());
                    if (at != null && at >= 0) {
                        won.add(new PartitionOwnership()
                                .setFullyQualifiedNamespace(p.request().getFullyQualifiedNamespace())
                                .setEventHubName(p.request().getEventHubName())
                                .setConsumerGroup(p.request().getConsumerGroup())
                                .setPartitionId(p.request().getPartitionId())
                                .setOwnerId(p.request().getOwnerId())
                                .setETag(p.eTag())
                                .setLastModifiedTime(at));
                    }
                    obsolete.addAll(log.obsoleteClaims(p.scope(), p.request().getPartitionId()));
                }
            } finally {
                written.forEach(p -> wonAt.remove(p.key()));
            }
        }
        // Compaction's work: keeps the topic at about one claim per partition. Not waited for; a
        // tombstone that is lost leaves a claim that the next clean-up deletes.
        for (String key : obsolete) {
            StoreRecords.Key k = StoreRecords.parse(key);
            producer.send(record(k.scope(), key, null));
        }
        return won;
    }

    private void write(Checkpoint c) {
        String scope = StoreRecords.scope(c.getFullyQualifiedNamespace(), c.getEventHubName(), c.getConsumerGroup());
        byte[] value =
                StoreRecords.encode(new CheckpointValue(c.getOffset(), c.getOffsetString(), c.getSequenceNumber()));
        KafkaCallException.await(
                producer.send(record(scope, StoreRecords.checkpointKey(scope, c.getPartitionId()), value)),
                timeout,
                "write the checkpoint of partition " + c.getPartitionId());
    }

    private ProducerRecord<String, byte[]> record(String scope, String key, byte[] value) {
        return new ProducerRecord<>(topic, partitionOf(scope), key, value);
    }

    /** The topic partition of a processor group: every record about it lands there, in order. */
    private int partitionOf(String scope) {
        return Utils.toPositive(Utils.murmur2(scope.getBytes(StandardCharsets.UTF_8))) % partitions.size();
    }

    /** Reads every partition of the topic up to its end as of now. Caller holds the lock. */
    private void catchUp() {
        if (closed) {
            throw new IllegalStateException("the checkpoint store is closed");
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new KafkaCallException(
                        "could not read " + topic + " to its end within " + timeout.toMillis() + " ms");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                apply(r);
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        StoreRecords.Key key = StoreRecords.parse(r.key());
        if (key == null) {
            foreign(r);
            return;
        }
        try {
            if (StoreRecords.CHECKPOINT.equals(key.kind())) {
                log.checkpoint(
                        key.scope(), key.partitionId(), r.value() == null ? null : StoreRecords.checkpoint(r.value()));
            } else if (r.value() == null) {
                log.claimDeleted(key.scope(), key.partitionId(), r.key());
            } else {
                boolean won = log.claim(
                        key.scope(), key.partitionId(), r.key(), StoreRecords.claim(r.value()), r.timestamp());
                if (wonAt.containsKey(r.key())) {
                    wonAt.put(r.key(), won ? r.timestamp() : -1L);
                }
            }
        } catch (IOException e) {
            foreign(r);
        }
    }

    /** Something else wrote to the topic: said once, then ignored. */
    private void foreign(ConsumerRecord<String, byte[]> r) {
        if (!foreignRecordLogged) {
            foreignRecordLogged = true;
            LOG.warn(
                    "{} holds records that are not Event Hubs checkpoints or ownerships (first at partition {} offset {});"
                            + " they are ignored",
                    topic,
                    r.partition(),
                    r.offset());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            consumer.close(Duration.ofSeconds(5));
        }
        producer.close(Duration.ofSeconds(5));
    }
}
