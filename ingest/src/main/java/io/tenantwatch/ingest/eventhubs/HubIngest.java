package io.tenantwatch.ingest.eventhubs;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.schemas.Reason;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every hub message takes, whichever way it was read: the shared {@link InputReader}
 * unpacks and normalizes it (AKS envelopes, categories, Falco alerts; the same reader as the HTTP
 * receivers), the events and dead letters are written to Kafka, and only then does the caller
 * checkpoint. Thread-safe: one per hub, called by every partition's thread.
 */
final class HubIngest {

    private static final Logger LOG = LoggerFactory.getLogger(HubIngest.class);

    private final HubBinding binding;
    private final SourceBinding sourceBinding;
    private final InputReader reader;
    private final DurableWriter writer;
    private final HubMetrics metrics;

    HubIngest(HubBinding binding, InputReader reader, DurableWriter writer, HubMetrics metrics) {
        this.binding = binding;
        this.sourceBinding = binding.sourceBinding();
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * The path of one hub, as the bridge builds it.
     *
     * @param label    the hub's name in metrics and logs
     * @param stopping true once the bridge stops: a batch Kafka has not taken by then is given up
     */
    static HubIngest create(
            HubBinding binding,
            String label,
            InputReader reader,
            EventWriter writer,
            Duration writeAttemptTimeout,
            BooleanSupplier stopping,
            MeterRegistry registry) {
        HubMetrics metrics = new HubMetrics(registry, label);
        return new HubIngest(
                binding, reader, new DurableWriter(writer, writeAttemptTimeout, stopping, metrics, label), metrics);
    }

    HubMetrics metrics() {
        return metrics;
    }

    /**
     * Reads and writes one batch of a partition; returns once Kafka acknowledged all of it.
     *
     * @throws DurableWriter.Stopping when the bridge stopped first (the batch must not be checkpointed)
     */
    void process(String partitionId, List<HubMessage> messages) {
        HubMetrics.Partition meters = metrics.partition(partitionId);
        if (messages.isEmpty()) {
            return;
        }
        meters.received(messages.size(), messages.get(0).enqueuedTime());
        HubBatch batch = new HubBatch(binding, partitionId);
        for (HubMessage m : messages) {
            batch.at(m.sequence());
            try {
                reader.read(m.body(), sourceBinding, batch);
            } catch (RuntimeException e) {
                // The reader promises not to throw; if it does anyway, the message is parked rather
                // than stalling the partition on it for ever.
                LOG.error(
                        "event hub {} partition {} sequence {}: internal error reading a message ({}); dead-lettered",
                        binding.eventHub(),
                        partitionId,
                        m.sequence(),
                        e.toString());
                batch.rejected(
                        Reason.UNRECOGNIZED_FORMAT,
                        "internal error reading the message (" + e.getClass().getSimpleName() + ")",
                        new byte[0]);
            }
        }
        writer.write(batch.events, batch.deadLetters);
        metrics.records(meters, batch);
        meters.written(messages.get(messages.size() - 1).sequence());
    }
}
