package io.tenantwatch.app.bench;

import io.tenantwatch.schemas.Alert;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Alerts seen during a run, matched to the attack events that were meant to raise them, so that
 * a bench run also says whether the load it measured was detected. Thread-safe.
 */
final class Detections {

    private final TrafficFile traffic;
    private final AtomicLong alerts = new AtomicLong();
    private final Map<String, LongAdder> byDetector = new ConcurrentHashMap<>();
    private final Set<String> found = ConcurrentHashMap.newKeySet();

    Detections(TrafficFile traffic) {
        this.traffic = traffic;
    }

    void alert(Alert alert) {
        alerts.incrementAndGet();
        byDetector.computeIfAbsent(alert.detector(), d -> new LongAdder()).increment();
        if (alert.evidence() == null) {
            return;
        }
        if (alert.evidence().falcoUuid() != null) {
            match(alert.evidence().falcoUuid(), alert);
        }
        if (alert.evidence().auditIds() != null) {
            for (String id : alert.evidence().auditIds()) {
                match(id, alert);
            }
        }
    }

    private void match(String id, Alert alert) {
        String expected = traffic.expected(id);
        if (expected != null && expected.equals(alert.detector())) {
            found.add(id);
        }
    }

    /** The id of the attack event this alert was expected for, or null. */
    String attackId(Alert alert) {
        if (alert.evidence() == null) {
            return null;
        }
        if (alert.evidence().falcoUuid() != null
                && traffic.expected(alert.evidence().falcoUuid()) != null) {
            return alert.evidence().falcoUuid();
        }
        if (alert.evidence().auditIds() != null) {
            for (String id : alert.evidence().auditIds()) {
                if (traffic.expected(id) != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** The alerts seen so far. */
    long total() {
        return alerts.get();
    }

    /** The alerts seen so far, in all and by detector. */
    Counts counts() {
        SortedMap<String, Long> each = new TreeMap<>();
        byDetector.forEach((detector, count) -> each.put(detector, count.sum()));
        return new Counts(alerts.get(), each);
    }

    /** Alerts counted, in all and by detector id. */
    record Counts(long total, SortedMap<String, Long> byDetector) {

        /** What was counted after {@code earlier}: the measured part of a run that had a warm-up. */
        Counts since(Counts earlier) {
            SortedMap<String, Long> each = new TreeMap<>();
            byDetector.forEach((detector, count) -> {
                long added = count - earlier.byDetector.getOrDefault(detector, 0L);
                if (added > 0) {
                    each.put(detector, added);
                }
            });
            return new Counts(total - earlier.total, each);
        }
    }

    long missed() {
        return traffic.expectedCount() - found.size();
    }
}
