package io.tenantwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.EventBatchContext;
import com.azure.messaging.eventhubs.models.LastEnqueuedEventProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's {@code processEventBatch} handler for one hub: the batch is read and written to
 * Kafka, and checkpointed only once Kafka acknowledged it. A crash between the two re-delivers the
 * batch from the previous checkpoint; the events keep their ids, so the detectors' deduplication
 * makes the effect once. An empty batch (the max wait passed) only refreshes the lag gauge.
 */
final class BatchHandler implements Consumer<EventBatchContext> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

    private final HubIngest ingest;
    private final String hub;

    BatchHandler(HubIngest ingest, String hub) {
        this.ingest = ingest;
        this.hub = hub;
    }

    @Override
    public void accept(EventBatchContext context) {
        String partitionId = context.getPartitionContext().getPartitionId();
        HubMetrics metrics = ingest.metrics();
        HubMetrics.Partition meters = metrics.partition(partitionId);
        LastEnqueuedEventProperties last = context.getLastEnqueuedEventProperties();
        if (last != null) {
            meters.enqueued(last.getSequenceNumber());
        }
        List<EventData> events = context.getEvents();
        if (events.isEmpty()) {
            return;
        }
        List<HubMessage> messages = new ArrayList<>(events.size());
        for (EventData e : events) {
            Long sequence = e.getSequenceNumber();
            messages.add(new HubMessage(e.getBody(), sequence == null ? -1 : sequence, e.getEnqueuedTime()));
        }
        ingest.process(partitionId, messages); // throws when stopping: no checkpoint, the batch comes again
        try {
            context.updateCheckpoint();
            meters.checkpointed();
        } catch (RuntimeException e) {
            // The records are in Kafka; the next batch's checkpoint covers these. Until then a restart
            // reads them again, which deduplication absorbs.
            metrics.checkpointFailed();
            LOG.warn("event hub {} partition {}: checkpoint not written ({})", hub, partitionId, e.getMessage());
        }
    }
}
