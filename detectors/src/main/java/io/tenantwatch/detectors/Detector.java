package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Alert;
import java.util.function.Consumer;

/**
 * One catalogue entry (docs/detectors.md): a small, named unit that looks at one attributed event and
 * raises zero or more alerts. Detectors are stateless and thread-safe; anything derived from the
 * event that several detectors need is computed once by {@link EventContext}.
 */
public interface Detector {

    DetectorSpec spec();

    /** The events this detector can fire on; see {@link Trigger}. */
    Trigger trigger();

    /** Examines an event that matched {@link #trigger()}; calls {@code alerts} for each finding. */
    void examine(EventContext event, Consumer<Alert> alerts);

    /**
     * For detectors that report a condition rather than each request (docs/detectors.md: "at most once
     * per actor per hour"): alerts with the same fingerprint are let through at most once per this
     * period of event time. Null (the default) lets every alert through.
     */
    default java.time.Duration oncePer() {
        return null;
    }

    default String id() {
        return spec().id();
    }
}
