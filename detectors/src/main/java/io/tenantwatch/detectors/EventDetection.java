package io.tenantwatch.detectors;

import io.tenantwatch.detectors.stateful.Observation;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.function.Consumer;

/** What the topology asks of detection for each attributed event. */
public interface EventDetection {

    /**
     * Runs every detector that can match the event; alerts go to {@code alerts}, and the per-event
     * observations of the stateful detectors (group F) to {@code observations}.
     */
    void detect(
            EventContext event, DetectionListener listener, Consumer<Alert> alerts, Consumer<Observation> observations);

    /** The alerts alone: group F's observations are dropped (they are alerts only once combined). */
    default void detect(EventContext event, DetectionListener listener, Consumer<Alert> alerts) {
        detect(event, listener, alerts, observation -> {});
    }

    /** How often a detector's alerts may repeat per fingerprint ({@link Detector#oncePer()}); null when always. */
    default Duration oncePer(String detectorId) {
        return null;
    }
}
