package io.tenantwatch.app.replay;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the topology did, for replay's summary: duplicates; examinations, exceptions and alerts per detector. */
public final class DetectionCounts implements DetectionListener {

    private long duplicates;
    private long attributed;
    private final Map<String, Long> examinedByDetector = new TreeMap<>();
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
        examinedByDetector.merge(detectorId, 1L, Long::sum);
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

    public long alerts() {
        return alertsByDetector.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> alertsByDetector() {
        return alertsByDetector;
    }

    public Map<String, Long> examinedByDetector() {
        return examinedByDetector;
    }

    public Map<String, Long> exceptionsByDetector() {
        return exceptionsByDetector;
    }
}
