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
 * lookup (a map lookup in memory for replay and the demo, a get in RocksDB for the service) of the
 * cluster and id, whose stored time must equal the event's. Only an exec-like request looks up every
 * bucket the window can reach (at most five), comparing the stored time so that the window stays
 * exact. Entries are stored under their event time rounded down to a bucket of half the window, with
 * the exact time (nanoseconds since the epoch) as the value, and stay visible for at least one and a
 * half windows of stream time after their event (the store keeps two windows from a bucket's start).
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, NormalizedEvent, NormalizedEvent> {

    private static final char SEPARATOR = '\u001F';
    private static final long NANOS_PER_MILLI = 1_000_000L;

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
        long exactTime = exactTime(event, ts);
        boolean copy;
        String key;
        if (isSession(event)) {
            key = sessionKey(event);
            copy = seenWithinWindow(key, ts, exactTime);
        } else {
            // A copy has this very time, so it sits in this bucket. Another event with the id (one
            // whose client chose it) replaces the entry: a later copy of the first then counts once
            // more, which costs a repeated alert, never a missed one.
            key = idKey(event);
            Long seenAt = seen.seenAt(key, bucket(ts));
            copy = seenAt != null && seenAt == exactTime;
        }
        if (copy) {
            listener.duplicate(event);
            return;
        }
        seen.remember(key, exactTime, bucket(ts));
        context.forward(record);
    }

    /** One point lookup per bucket the window can reach (at most five), the stored time compared. */
    private boolean seenWithinWindow(String key, long ts, long exactTime) {
        long windowNanos = windowMs * NANOS_PER_MILLI;
        for (long bucket = bucket(Math.max(0, ts - windowMs)); bucket <= ts + windowMs; bucket += bucketMs) {
            Long seenAt = seen.seenAt(key, bucket);
            if (seenAt != null && Math.abs(seenAt - exactTime) <= windowNanos) {
                return true;
            }
        }
        return false;
    }

    /** The event time in nanoseconds since the epoch (the record's milliseconds when it has none). */
    private static long exactTime(NormalizedEvent event, long recordTimestamp) {
        Instant time = event.time();
        return time == null
                ? recordTimestamp * NANOS_PER_MILLI
                : time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private long bucket(long timestamp) {
        return timestamp - Math.floorMod(timestamp, bucketMs);
    }

    /** An exec-like request: its two counted stages are copies at different times. */
    static boolean isSession(NormalizedEvent event) {
        return event.isAudit() && event.resource() != null && event.resource().isExecLike();
    }

    /** Cluster and id: where a copy of the event is looked for, at the event's own time. */
    static String idKey(NormalizedEvent event) {
        return event.cluster() + SEPARATOR + event.id();
    }

    /** Cluster, id, user, verb and request URI: what both stages of one exec-like request share. */
    static String sessionKey(NormalizedEvent event) {
        String user = event.actor() == null ? null : event.actor().username();
        return event.cluster() + SEPARATOR + event.id() + SEPARATOR + "session" + SEPARATOR + user + SEPARATOR
                + event.verb() + SEPARATOR + event.requestURI();
    }
}
