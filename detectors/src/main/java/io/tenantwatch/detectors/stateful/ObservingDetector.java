package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Alert;
import java.util.function.Consumer;

/**
 * A group F detector: per event it emits {@link Observation}s, not alerts; its alerts come from
 * the stateful part of the topology ({@link StatefulTopology}), when a window closes, a sequence
 * completes or a join matches. The detection step treats an observation as it treats an alert
 * (dispatch by trigger, the operator's exceptions, per-tenant settings, severity overrides).
 */
public interface ObservingDetector extends Detector {

    /** Examines an event that matched {@link #trigger()}; calls {@code observations} for each observation. */
    void observe(EventContext event, Consumer<Observation> observations);

    /** Raises nothing per event: see {@link #observe}. */
    @Override
    default void examine(EventContext event, Consumer<Alert> alerts) {}
}
