package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch to Kafka and returns only once Kafka acknowledged all of it. A batch that Kafka
 * does not take is tried again, with a growing pause, for as long as it takes: the partition waits
 * (its lag and checkpoint age grow, visibly), and no later batch can be checkpointed past it. A
 * retry may write some records twice; their ids are deterministic and the detectors deduplicate.
 * Only when the bridge stops does it give up, with {@link Stopping}, so that the batch is not
 * checkpointed and is read again at the next start.
 */
final class DurableWriter {

    /** The bridge is stopping and the batch was not written; it will be delivered again. */
    static final class Stopping extends RuntimeException {
        Stopping(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DurableWriter.class);
    private static final long FIRST_PAUSE_MS = 200;
    private static final long MAX_PAUSE_MS = 5_000;

    private final EventWriter writer;
    private final Duration attemptTimeout;
    private final BooleanSupplier stopping;
    private final HubMetrics metrics;
    private final String hub;
    /** Logged once when writes start failing and once when they work again, not per attempt. */
    private final AtomicBoolean failing = new AtomicBoolean();

    DurableWriter(
            EventWriter writer, Duration attemptTimeout, BooleanSupplier stopping, HubMetrics metrics, String hub) {
        this.writer = writer;
        this.attemptTimeout = attemptTimeout;
        this.stopping = stopping;
        this.metrics = metrics;
        this.hub = hub;
    }

    /** @throws Stopping when the bridge stops before Kafka took the batch */
    void write(List<NormalizedEvent> events, List<DeadLetter> deadLetters) {
        long pause = FIRST_PAUSE_MS;
        while (true) {
            String failure = attempt(events, deadLetters);
            if (failure == null) {
                if (failing.compareAndSet(true, false)) {
                    LOG.info("event hub {}: Kafka takes batches again", hub);
                }
                return;
            }
            if (failing.compareAndSet(false, true)) {
                LOG.warn(
                        "event hub {}: Kafka did not take a batch ({}); retrying until it does, the partition waits",
                        hub,
                        failure);
            }
            metrics.writeRetried();
            sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    /** Null when acknowledged, else why not. */
    private String attempt(List<NormalizedEvent> events, List<DeadLetter> deadLetters) {
        if (stopping.getAsBoolean()) {
            throw new Stopping("event hub " + hub + ": stopping before the batch was written; it will be read again");
        }
        try {
            writer.write(events, deadLetters).get(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (TimeoutException e) {
            return "no acknowledgement within " + attemptTimeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping(
                    "event hub " + hub + ": interrupted before the batch was written; it will be read again");
        }
    }

    private void sleep(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until && !stopping.getAsBoolean()) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopping(
                        "event hub " + hub + ": interrupted before the batch was written; it will be read again");
            }
        }
    }
}
