package io.tenantwatch.detectors.dedupe;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops an event that is a copy of one already let through (docs/detectors.md, "Counted audit
 * event"): AKS delivers non-read requests twice when {@code kube-audit} and {@code kube-audit-admin}
 * share a hub, and every source retries. The window store's segments expire on their own, so state
 * stays bounded by the window.
 *
 * <p>What a copy is. A copy of a request's event is the same event: same cluster, id and event time
 * to the nanosecond. The id alone is not enough, because a client may choose it: the API server takes
 * the auditID from the request's {@code Audit-ID} header when one is sent, so a tenant could send a
 * harmless request and then, within the window, a harmful one with the same auditID, and have the
 * second dropped as a duplicate. The one exception is an exec-like request (exec, attach,
 * portforward, proxy), whose two counted stages ({@code ResponseStarted}, {@code ResponseComplete})
 * share the auditID at different times: those are copies when they also agree on the user, the verb
 * and the request URI (which holds the command) and lie within the window of each other.
 *
 * <p>How it looks. An event time's copies sit in the same bucket, so the common case is one point
 * lookup (a map lookup in memory for replay and the demo, a get in RocksDB for the service). Only an
 * exec-like request looks up every bucket the window can reach (at most five), comparing the stored
 * time so that the window stays exact. Entries are stored under their event time rounded down to a
 * bucket of half the window, with the exact time as the value, and stay visible for at least one and
 * a half windows of stream time after their event (the store keeps two windows from a bucket's
 * start).
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, NormalizedEvent, NormalizedEvent> {

    private static final char SEPARATOR = '\u001F';

    private final String storeName;
    private final long windowMs;
    private final DetectionListener listener;
    private final long bucketMs;
    private FixedKeyProcessorContext<String, NormalizedEvent> context;
    private SeenEvents seen;

    private DedupeProcessor(String storeName, Duration window, DetectionListener listener) {
        this.storeName = storeName;
        this.windowMs = window.toMillis();
        this.bucketMs = Math.max(1, windowMs / 2);
        this.listener = listener;
    }

    /** Remembers in the window store {@code storeName}, which must keep {@link #retention} of {@code window}. */
    public static DedupeProcessor inStore(String storeName, Duration window, DetectionListener listener) {
        return new DedupeProcessor(storeName, window, listener);
    }

    /** Remembers in this processor's own memory, for a run whose state ends with it (replay). */
    public static DedupeProcessor inMemory(Duration window, DetectionListener listener) {
        return new DedupeProcessor(null, window, listener);
    }

    /** How long the store keeps an entry from its bucket's start: one and a half windows stay visible. */
    public static Duration retention(Duration window) {
        return window.multipliedBy(2);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, NormalizedEvent> context) {
        this.context = context;
        this.seen = storeName == null
                ? SeenEvents.inMemory(retention(Duration.ofMillis(windowMs)).toMillis())
                : SeenEvents.in(context.getStateStore(storeName));
    }

    @Override
    public void process(FixedKeyRecord<String, NormalizedEvent> record) {
        NormalizedEvent event = record.value();
        if (event == null) {
            return;
        }
        long ts = record.timestamp();
        boolean session = isSession(event);
        String key = session ? sessionKey(event) : copyKey(event);
        if (session ? seenWithinWindow(key, ts) : seen.seenAt(key, bucket(ts)) != null) {
            listener.duplicate(event);
            return;
        }
        seen.remember(key, ts, bucket(ts));
        context.forward(record);
    }

    /** One point lookup per bucket the window can reach (at most five), the stored time compared. */
    private boolean seenWithinWindow(String key, long ts) {
        for (long bucket = bucket(Math.max(0, ts - windowMs)); bucket <= ts + windowMs; bucket += bucketMs) {
            Long seenAt = seen.seenAt(key, bucket);
            if (seenAt != null && Math.abs(seenAt - ts) <= windowMs) {
                return true;
            }
        }
        return false;
    }

    private long bucket(long timestamp) {
        return timestamp - Math.floorMod(timestamp, bucketMs);
    }

    /** An exec-like request: its two counted stages are copies at different times. */
    static boolean isSession(NormalizedEvent event) {
        return event.isAudit() && event.resource() != null && event.resource().isExecLike();
    }

    /** Cluster, id and the exact event time: what every copy of an event shares. */
    static String copyKey(NormalizedEvent event) {
        Instant time = event.time();
        StringBuilder key =
                new StringBuilder(96).append(event.cluster()).append(SEPARATOR).append(event.id());
        if (time != null) {
            key.append(SEPARATOR).append(time.getEpochSecond()).append('.').append(time.getNano());
        }
        return key.toString();
    }

    /** Cluster, id, user, verb and request URI: what both stages of one exec-like request share. */
    static String sessionKey(NormalizedEvent event) {
        String user = event.actor() == null ? null : event.actor().username();
        return event.cluster() + SEPARATOR + event.id() + SEPARATOR + "session" + SEPARATOR + user + SEPARATOR
                + event.verb() + SEPARATOR + event.requestURI();
    }
}
