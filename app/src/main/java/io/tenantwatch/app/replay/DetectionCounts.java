package io.tenantwatch.app.replay;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the topology did, for replay's summary: duplicates; examinations, exceptions and alerts
 * per detector. Replay's two stages call it from two threads, each on counts of its own (the first:
 * duplicates, attributions, examinations, exceptions; the second: alerts and late observations);
 * read them once the stages have drained.
 */
public final class DetectionCounts implements DetectionListener {

    private long duplicates;
    private long attributed;
    private long late;
    /** Called once per detector per event: a counter found by hash, not a sorted map merged with a boxed sum. */
    private final Map<String, long[]> examined = new HashMap<>();

    private final Map<String, Long> alertsByDetector = new TreeMap<>();
    private final Map<String, Long> exceptionsByDetector = new TreeMap<>();

    @Override
    public void duplicate(NormalizedEvent event) {
        duplicates++;
    }

    @Override
    public void attributed(NormalizedEvent event) {
        attributed++;
    }

    @Override
    public void examined(String detectorId) {
        examined.computeIfAbsent(detectorId, id -> new long[1])[0]++;
    }

    @Override
    public void late(String detectorId) {
        late++;
    }

    @Override
    public void exceptionApplied(String detectorId) {
        exceptionsByDetector.merge(detectorId, 1L, Long::sum);
    }

    @Override
    public void alert(Alert alert) {
        alertsByDetector.merge(alert.detector(), 1L, Long::sum);
    }

    public long duplicates() {
        return duplicates;
    }

    public long attributed() {
        return attributed;
    }

    /** Observations a stateful detector dropped because its window, grace included, had closed. */
    public long late() {
        return late;
    }

    public long alerts() {
        return alertsByDetector.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> alertsByDetector() {
        return alertsByDetector;
    }

    /** Examinations per detector, by id. */
    public Map<String, Long> examinedByDetector() {
        Map<String, Long> byDetector = new TreeMap<>();
        examined.forEach((id, count) -> byDetector.put(id, count[0]));
        return byDetector;
    }

    public Map<String, Long> exceptionsByDetector() {
        return exceptionsByDetector;
    }
}
