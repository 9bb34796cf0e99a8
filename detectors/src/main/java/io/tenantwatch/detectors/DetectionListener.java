package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;

/**
 * Observes the topology from inside (replay's summary, metrics). Called on the stream thread:
 * implementations must be cheap and must not block.
 */
public interface DetectionListener {

    DetectionListener NONE = new DetectionListener() {};

    /** An event dropped because its (cluster, id) was seen within the dedup window. */
    default void duplicate(NormalizedEvent event) {}

    /** An event that passed deduplication and was attributed. */
    default void attributed(NormalizedEvent event) {}

    /** A detector examined an event. */
    default void examined(String detectorId) {}

    /** An exception of the detector configuration silenced one of the detector's alerts. */
    default void exceptionApplied(String detectorId) {}

    /** An alert held back because its fingerprint already alerted within the detector's period. */
    default void repeatSuppressed(String detectorId) {}

    /**
     * An event that came too late for a stateful detector (group F): its event-time window had
     * closed, grace period included, so it was not counted.
     */
    default void late(String detectorId) {}

    /** A detector raised an alert. */
    default void alert(Alert alert) {}
}
