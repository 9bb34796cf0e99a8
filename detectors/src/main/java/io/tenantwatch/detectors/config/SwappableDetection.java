package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.stateful.Observation;
import io.tenantwatch.schemas.Alert;
import java.util.function.Consumer;

/**
 * Detection whose configuration can be replaced while the topology runs: the stream threads read
 * one volatile reference per event, so a reload never pauses them and never touches their state
 * stores (dedup windows and the like live in Kafka Streams, not here).
 */
public final class SwappableDetection implements EventDetection {

    private volatile EventDetection current;

    public SwappableDetection(EventDetection initial) {
        this.current = initial;
    }

    public void swap(EventDetection next) {
        this.current = next;
    }

    /** The configuration in force now (stateful detectors read their thresholds from it when a window closes). */
    public EventDetection current() {
        return current;
    }

    @Override
    public java.time.Duration oncePer(String detectorId) {
        return current.oncePer(detectorId);
    }

    @Override
    public void detect(
            EventContext event,
            DetectionListener listener,
            Consumer<Alert> alerts,
            Consumer<Observation> observations) {
        current.detect(event, listener, alerts, observations);
    }
}
