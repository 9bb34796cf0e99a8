package io.tenantwatch.ingest.eventhubs;

import com.azure.core.amqp.AmqpTransportType;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import com.azure.messaging.eventhubs.models.ErrorContext;
import com.azure.messaging.eventhubs.models.EventPosition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub's {@link EventProcessorClient}: batched ({@code processEventBatch} with a max wait),
 * load-balanced over the replicas through the shared {@link CheckpointStore}, with the last
 * enqueued event's properties tracked for the lag gauge.
 */
final class HubProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubProcessor.class);
    /** Processor errors repeat while a connection is down; one log line per hub per interval is enough. */
    private static final long ERROR_LOG_INTERVAL_MS = 30_000;

    private final HubBinding binding;
    private final HubMetrics metrics;
    private final EventProcessorClient client;
    private final AtomicLong lastErrorLogged = new AtomicLong(Long.MIN_VALUE);

    HubProcessor(HubBinding binding, ProcessorSettings settings, CheckpointStore store, HubIngest ingest) {
        this.binding = binding;
        this.metrics = ingest.metrics();
        this.client = builder(binding, settings, store, ingest).buildEventProcessorClient();
    }

    private EventProcessorClientBuilder builder(
            HubBinding b, ProcessorSettings s, CheckpointStore store, HubIngest ingest) {
        EventProcessorClientBuilder builder = new EventProcessorClientBuilder()
                .consumerGroup(b.consumerGroup())
                .checkpointStore(store)
                .processEventBatch(new BatchHandler(ingest, b.eventHub()), s.maxBatchSize(), s.maxWaitTime())
                .processError(this::error)
                .processPartitionClose(
                        close -> metrics.closed(close.getPartitionContext().getPartitionId()))
                .trackLastEnqueuedEventProperties(true)
                .loadBalancingUpdateInterval(s.loadBalancingInterval())
                .partitionOwnershipExpirationInterval(s.ownershipExpiration())
                .prefetchCount(s.prefetchCount())
                .initialPartitionEventPosition(
                        partition -> s.startPosition() == ProcessorSettings.StartPosition.EARLIEST
                                ? EventPosition.earliest()
                                : EventPosition.latest())
                .transportType(
                        b.transport() == HubTransport.AMQP_WEB_SOCKETS
                                ? AmqpTransportType.AMQP_WEB_SOCKETS
                                : AmqpTransportType.AMQP);
        ConnectionString cs = b.connectionString();
        if (cs == null) {
            builder.credential(b.fullyQualifiedNamespace(), b.eventHub(), new DefaultAzureCredentialBuilder().build());
        } else if (cs.entityPath() != null) {
            builder.connectionString(cs.value());
        } else {
            builder.connectionString(cs.value(), b.eventHub());
        }
        return builder;
    }

    void start() {
        client.start();
    }

    String identifier() {
        return client.getIdentifier();
    }

    private void error(ErrorContext context) {
        metrics.error();
        long now = System.currentTimeMillis();
        long last = lastErrorLogged.get();
        if (now - last >= ERROR_LOG_INTERVAL_MS && lastErrorLogged.compareAndSet(last, now)) {
            Throwable t = context.getThrowable();
            String partition = context.getPartitionContext() == null
                    ? null
                    : context.getPartitionContext().getPartitionId();
            LOG.warn(
                    "event hub {}{}: {}: {} (further errors of this hub within {} s are only counted)",
                    binding.eventHub(),
                    partition == null ? "" : " partition " + partition,
                    t.getClass().getSimpleName(),
                    t.getMessage(),
                    ERROR_LOG_INTERVAL_MS / 1000);
        }
    }

    /** Stops reading: the SDK finishes the batches in hand and gives up the partitions' ownership. */
    void stop(Duration timeout) {
        client.stop(timeout);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
