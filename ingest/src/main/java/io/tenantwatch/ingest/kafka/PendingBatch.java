package io.tenantwatch.ingest.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The acknowledgements of one {@link KafkaEventWriter#write} call. Every record counts down once:
 * in the producer's callback when it was sent, or in {@link #sealed()} when sending stopped before
 * it. The last count-down releases the in-flight permits and completes the future, with the first
 * failure if there was one.
 */
final class PendingBatch implements Callback {

    private final AtomicInteger remaining;
    private final int total;
    private final Runnable release;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> future = new CompletableFuture<>();
    /** Touched only by the writing thread. */
    private int sent;

    PendingBatch(int total, Runnable release) {
        this.total = total;
        this.remaining = new AtomicInteger(total);
        this.release = release;
    }

    CompletableFuture<Void> future() {
        return future;
    }

    boolean failed() {
        return failure.get() != null;
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    void willSend() {
        sent++;
    }

    void notSent() {
        sent--;
    }

    /** No more sends: the records never sent count down now. */
    void sealed() {
        int unsent = total - sent;
        if (unsent > 0 && remaining.addAndGet(-unsent) == 0) {
            finish();
        }
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            fail(exception);
        }
        if (remaining.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        release.run();
        Throwable t = failure.get();
        if (t == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(t);
        }
    }
}
