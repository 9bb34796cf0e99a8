package io.tenantwatch.ingest.eventhubs;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tenantwatch.schemas.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One hub's meters. Tags are bounded: {@code hub} is configuration, {@code partition} an Event Hubs
 * partition id (at most 32 per hub on Standard, 100 on Premium), {@code outcome} and {@code reason}
 * fixed vocabularies. In Prometheus:
 * <ul>
 *   <li>{@code tenantwatch_eventhubs_messages_total{hub,partition}}: messages received;
 *   <li>{@code tenantwatch_eventhubs_records_total{hub,partition,outcome}}: records in them, by
 *       outcome (accepted to tw.normalized, skipped by design, rejected to tw.dlq);
 *   <li>{@code tenantwatch_eventhubs_records_by_reason_total{hub,outcome,reason}}: skips and rejections by reason;
 *   <li>{@code tenantwatch_eventhubs_lag{hub,partition}}: last enqueued sequence number minus the last
 *       one written to Kafka (events waiting in the hub);
 *   <li>{@code tenantwatch_eventhubs_checkpoint_age_seconds{hub,partition}}: how long the oldest event
 *       received but not yet checkpointed has been in the hub (0 when everything received is
 *       checkpointed; grows while Kafka or the checkpoint store is unavailable);
 *   <li>{@code tenantwatch_eventhubs_write_retries_total{hub}}, {@code …_checkpoint_failures_total{hub}},
 *       {@code …_errors_total{hub}} (errors the processor reported).
 * </ul>
 * Partition gauges exist while this replica owns the partition, so that summing over replicas
 * counts each partition once.
 */
final class HubMetrics {

    static final String MESSAGES = "tenantwatch.eventhubs.messages";
    static final String RECORDS = "tenantwatch.eventhubs.records";
    static final String BY_REASON = "tenantwatch.eventhubs.records.by.reason";
    static final String LAG = "tenantwatch.eventhubs.lag";
    static final String CHECKPOINT_AGE = "tenantwatch.eventhubs.checkpoint.age";
    static final String WRITE_RETRIES = "tenantwatch.eventhubs.write.retries";
    static final String CHECKPOINT_FAILURES = "tenantwatch.eventhubs.checkpoint.failures";
    static final String ERRORS = "tenantwatch.eventhubs.errors";

    private final MeterRegistry registry;
    private final Clock clock;
    private final String hub;
    private final Counter[] byReason = new Counter[Reason.values().length];
    private final Counter writeRetries;
    private final Counter checkpointFailures;
    private final Counter errors;
    private final Map<String, Partition> partitions = new ConcurrentHashMap<>();

    HubMetrics(MeterRegistry registry, String hub) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.hub = hub;
        for (Reason r : Reason.values()) {
            byReason[r.ordinal()] = Counter.builder(BY_REASON)
                    .description("Event Hubs records skipped by design or rejected to tw.dlq, by reason")
                    .tags("hub", hub, "outcome", r.rejected() ? "rejected" : "skipped", "reason", r.label())
                    .register(registry);
        }
        writeRetries = Counter.builder(WRITE_RETRIES)
                .description("Batches written to Kafka again after a failed or timed-out attempt")
                .tag("hub", hub)
                .register(registry);
        checkpointFailures = Counter.builder(CHECKPOINT_FAILURES)
                .description("Checkpoints that could not be written (the next batch's checkpoint covers them)")
                .tag("hub", hub)
                .register(registry);
        errors = Counter.builder(ERRORS)
                .description("Errors reported by the Event Hubs processor (connection, authorization, load balancing)")
                .tag("hub", hub)
                .register(registry);
    }

    /** The meters of a partition this replica reads; created on first use. */
    Partition partition(String partitionId) {
        return partitions.computeIfAbsent(partitionId, Partition::new);
    }

    /** The partition went to another replica or the processor stopped: its gauges go. */
    void closed(String partitionId) {
        Partition p = partitions.remove(partitionId);
        if (p != null) {
            registry.remove(p.lagGauge);
            registry.remove(p.ageGauge);
        }
    }

    void records(Partition p, HubBatch batch) {
        p.accepted.increment(batch.events.size());
        p.skipped.increment(batch.skipped());
        p.rejected.increment(batch.deadLetters.size());
        for (Reason r : Reason.values()) {
            int n = batch.byReason[r.ordinal()];
            if (n > 0) {
                byReason[r.ordinal()].increment(n);
            }
        }
    }

    void writeRetried() {
        writeRetries.increment();
    }

    void checkpointFailed() {
        checkpointFailures.increment();
    }

    void error() {
        errors.increment();
    }

    /** A partition's counters and the state behind its gauges. Thread-safe: the SDK runs a partition on one thread at a time. */
    final class Partition {
        final Counter messages;
        final Counter accepted;
        final Counter skipped;
        final Counter rejected;
        final Gauge lagGauge;
        final Gauge ageGauge;
        /** The partition's last sequence number as the hub reported it (-1: the partition is empty). */
        private volatile long lastEnqueued = -1;

        private volatile boolean endKnown;
        private volatile long lastWritten = -1;
        /** Enqueued time (ms) of the oldest event received and not checkpointed, or -1. */
        private volatile long oldestPending = -1;

        private Partition(String id) {
            Tags tags = Tags.of("hub", hub, "partition", id);
            messages = Counter.builder(MESSAGES)
                    .description("Event Hubs messages received")
                    .tags(tags)
                    .register(registry);
            accepted = records(tags, "accepted");
            skipped = records(tags, "skipped");
            rejected = records(tags, "rejected");
            // Strong references: the gauges live exactly as long as the partition is owned here (closed()).
            lagGauge = Gauge.builder(LAG, this, Partition::lag)
                    .strongReference(true)
                    .description(
                            "Events in the partition not yet written to Kafka: last enqueued sequence number minus last written")
                    .tags(tags)
                    .register(registry);
            ageGauge = Gauge.builder(CHECKPOINT_AGE, this, Partition::checkpointAge)
                    .strongReference(true)
                    .baseUnit("seconds")
                    .description(
                            "Time in the hub of the oldest event received and not yet checkpointed (0 when all are)")
                    .tags(tags)
                    .register(registry);
        }

        private Counter records(Tags tags, String outcome) {
            return Counter.builder(RECORDS)
                    .description("Event Hubs records, by outcome")
                    .tags(tags)
                    .tag("outcome", outcome)
                    .register(registry);
        }

        /** What the hub last told about the partition's end: its last sequence number, -1 when empty, null when it did not say. */
        void enqueued(Long lastEnqueuedSequence) {
            if (lastEnqueuedSequence != null) {
                lastEnqueued = lastEnqueuedSequence;
                endKnown = true;
            }
        }

        void received(int count, Instant firstEnqueued) {
            messages.increment(count);
            if (oldestPending < 0) {
                oldestPending = firstEnqueued == null ? clock.wallTime() : firstEnqueued.toEpochMilli();
            }
        }

        void written(long lastSequence) {
            if (lastSequence >= 0) {
                lastWritten = lastSequence;
            }
        }

        void checkpointed() {
            oldestPending = -1;
        }

        /** NaN until the hub has said where the partition ends. */
        double lag() {
            return endKnown ? Math.max(0, lastEnqueued - lastWritten) : Double.NaN;
        }

        double checkpointAge() {
            long since = oldestPending;
            return since < 0 ? 0 : Math.max(0, clock.wallTime() - since) / 1000.0;
        }
    }
}
