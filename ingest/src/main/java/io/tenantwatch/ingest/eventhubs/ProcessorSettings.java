package io.tenantwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * How each hub's {@code EventProcessorClient} runs.
 *
 * @param maxBatchSize          events per {@code processEventBatch} call (and so per Kafka write and checkpoint)
 * @param maxWaitTime           how long a partition waits for a full batch before handing over what it
 *                              has (an empty batch refreshes the lag gauge)
 * @param loadBalancingInterval how often each replica renews its ownerships and looks for partitions to take
 * @param ownershipExpiration   an ownership not renewed for this long is free for another replica: the
 *                              time a crashed replica's partitions wait before someone else reads them
 * @param prefetchCount         events the SDK may buffer per partition
 * @param startPosition         where a partition without a checkpoint starts
 * @param writeAttemptTimeout   how long one Kafka write of a batch may take before it is tried again
 */
public record ProcessorSettings(
        int maxBatchSize,
        Duration maxWaitTime,
        Duration loadBalancingInterval,
        Duration ownershipExpiration,
        int prefetchCount,
        StartPosition startPosition,
        Duration writeAttemptTimeout) {

    /**
     * Where a partition without a checkpoint starts: {@link #EARLIEST} (the default) reads what the
     * hub still retains, so that nothing sent before the first start is lost.
     */
    public enum StartPosition {
        EARLIEST,
        LATEST
    }

    public static final ProcessorSettings DEFAULTS = new ProcessorSettings(
            256,
            Duration.ofSeconds(1),
            EventProcessorClientBuilder.DEFAULT_LOAD_BALANCING_UPDATE_INTERVAL,
            EventProcessorClientBuilder.DEFAULT_OWNERSHIP_EXPIRATION_INTERVAL,
            512,
            StartPosition.EARLIEST,
            Duration.ofSeconds(15));

    public ProcessorSettings {
        if (maxBatchSize < 1 || prefetchCount < 1) {
            throw new IllegalArgumentException("maxBatchSize and prefetchCount must be positive");
        }
        Objects.requireNonNull(maxWaitTime, "maxWaitTime");
        Objects.requireNonNull(loadBalancingInterval, "loadBalancingInterval");
        Objects.requireNonNull(ownershipExpiration, "ownershipExpiration");
        Objects.requireNonNull(startPosition, "startPosition");
        Objects.requireNonNull(writeAttemptTimeout, "writeAttemptTimeout");
        if (ownershipExpiration.compareTo(loadBalancingInterval) <= 0) {
            throw new IllegalArgumentException(
                    "ownershipExpiration (" + ownershipExpiration + ") must exceed loadBalancingInterval ("
                            + loadBalancingInterval + "), or owners lose partitions between renewals");
        }
    }

    public ProcessorSettings withStartPosition(StartPosition position) {
        return new ProcessorSettings(
                maxBatchSize,
                maxWaitTime,
                loadBalancingInterval,
                ownershipExpiration,
                prefetchCount,
                position,
                writeAttemptTimeout);
    }
}
