package io.tenantwatch.app.replay;

import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.inprocess.Found;
import io.tenantwatch.detectors.inprocess.Handoff;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Replay's second stage ({@link DetectionTopology#groupingStage}) on a thread of its own: group F,
 * the once-per-period gate and the sinks, fed what the first stage's detection found, in its
 * batches and in its order. Only that thread touches the stage's driver; the caller hands it work through a short
 * queue (so the first stage is never more than {@value #QUEUED_BATCHES} batches ahead) and collects
 * the alerts it raised, in order, whenever it asks. A failure on the stage's thread stops it and is
 * rethrown to the caller.
 */
final class GroupingStage implements AutoCloseable {

    private static final int QUEUED_BATCHES = 8;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Found.Batch> input;
    private final TestOutputTopic<String, Alert> alerts;
    private final ProducedRecords produced;
    private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final ConcurrentLinkedQueue<Alert> raised = new ConcurrentLinkedQueue<>();
    /** Events of the first stage's input whose batch this stage has finished, duplicates included. */
    private final AtomicLong finished = new AtomicLong();

    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean stopping;

    /**
     * @param batches where the stage's source takes its batches from
     * @param alerts  where its sinks hand their alerts to {@code tw.alerts} by reference
     */
    GroupingStage(TopologyTestDriver driver, Handoff<Found.Batch> batches, Handoff<Alert> alerts) {
        this.driver = driver;
        this.input = driver.createInputTopic(
                DetectionTopology.FOUND_STAGE_TOPIC, Serdes.String().serializer(), batches.serializer());
        this.alerts = driver.createOutputTopic(
                Topics.defaults().alerts(), Serdes.String().deserializer(), alerts.deserializer());
        this.produced = new ProducedRecords(driver);
        this.thread = new Thread(this::run, "tenantwatch-grouping-stage");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code found} (possibly nothing) to go through as one record at {@code at}, the time
     * their first-stage batch was piped at; {@code inputEvents} is that batch's size.
     */
    void send(List<Found> found, Instant at, int inputEvents, boolean drainProduced) {
        Found.Batch batch = new Found.Batch(found);
        enqueue(() -> {
            if (!batch.found().isEmpty()) {
                input.pipeInput(InProcessDetection.BATCH_KEY, batch, at);
                collectAlerts();
            }
            if (drainProduced) {
                produced.drain();
            }
            finished.addAndGet(inputEvents);
        });
    }

    /** Queues a record with no value at {@code at}: it only moves stream time on. */
    void moveTimeTo(Instant at) {
        enqueue(() -> {
            input.pipeInput(InProcessDetection.FLUSH_KEY, null, at);
            collectAlerts();
            produced.drain();
        });
    }

    /** Waits until everything queued has gone through. */
    void await() {
        call(() -> null);
    }

    /** The alerts raised so far and not yet taken, in order. */
    List<Alert> takeAlerts() {
        rethrowFailure();
        if (raised.isEmpty()) {
            return List.of(); // most calls: replay asks after every event it submits
        }
        List<Alert> out = new ArrayList<>();
        for (Alert a; (a = raised.poll()) != null; ) {
            out.add(a);
        }
        return out;
    }

    /** Input events whose batch has gone through this stage. */
    long finishedEvents() {
        return finished.get();
    }

    /** After everything queued: the records failed on here, added to {@code earlier}. */
    InProcessDetection.ProcessingFailures failures(InProcessDetection.ProcessingFailures earlier) {
        return call(() -> produced.failures(earlier));
    }

    private void collectAlerts() {
        if (!alerts.isEmpty()) {
            raised.addAll(alerts.readValuesToList());
        }
    }

    private <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(() -> result.complete(task.get()));
        try {
            while (true) {
                rethrowFailure();
                try {
                    return result.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWorking) {
                    // look at the failure again: a failed stage never completes the result
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replay's second stage", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay's second stage failed", e.getCause());
        }
    }

    private void enqueue(Runnable task) {
        try {
            while (!work.offer(task, 100, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing findings to replay's second stage", e);
        }
    }

    private void rethrowFailure() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void run() {
        try {
            while (!stopping || !work.isEmpty()) {
                Runnable task = work.poll(100, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure =
                    e instanceof RuntimeException r ? r : new IllegalStateException("replay's second stage failed", e);
        }
    }

    /** Stops the thread once it is idle and closes the driver. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.close();
        }
    }
}
