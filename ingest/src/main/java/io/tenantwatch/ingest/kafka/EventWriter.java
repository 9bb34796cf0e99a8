package io.tenantwatch.ingest.kafka;

import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what one input gave to Kafka: normalized events to {@code tw.normalized} (keyed by
 * {@link NormalizedEvent#partitionKey()}) and rejected records to {@code tw.dlq}.
 *
 * <p>Sources answer their sender only once the returned future has completed, so that the sender's
 * own retry (the API server's webhook backoff, falcosidekick's retries) covers every failure. A
 * writer that cannot take more right now fails the future at once with
 * {@link WriterBusyException} instead of queueing without bound. Implementations are thread-safe.
 */
public interface EventWriter extends AutoCloseable {

    /**
     * Sends the records. The future completes normally when Kafka acknowledged every one of them,
     * and exceptionally with the first failure otherwise (records already sent may still arrive;
     * downstream deduplication on the event id makes a retry harmless).
     */
    CompletableFuture<Void> write(List<NormalizedEvent> events, List<DeadLetter> deadLetters);

    /** Flushes what was accepted, within a bounded time, and releases the client. */
    @Override
    void close();
}
