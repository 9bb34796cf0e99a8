package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.function.Consumer;

/** What the topology asks of detection for each attributed event. */
public interface EventDetection {

    /** Runs every detector that can match the event; alerts go to {@code out}. */
    void detect(EventContext event, DetectionListener listener, Consumer<Alert> out);

    /** How often a detector's alerts may repeat per fingerprint ({@link Detector#oncePer()}); null when always. */
    default Duration oncePer(String detectorId) {
        return null;
    }
}
