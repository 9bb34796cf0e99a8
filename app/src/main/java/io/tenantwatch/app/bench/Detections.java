package io.tenantwatch.app.bench;

import io.tenantwatch.schemas.Alert;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts seen during a run, matched to the attack events that were meant to raise them, so that
 * a bench run also says whether the load it measured was detected. Thread-safe.
 */
final class Detections {

    private final TrafficFile traffic;
    private final AtomicLong alerts = new AtomicLong();
    private final Set<String> found = ConcurrentHashMap.newKeySet();

    Detections(TrafficFile traffic) {
        this.traffic = traffic;
    }

    void alert(Alert alert) {
        alerts.incrementAndGet();
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

    long alerts() {
        return alerts.get();
    }

    long missed() {
        return traffic.expectedCount() - found.size();
    }
}
