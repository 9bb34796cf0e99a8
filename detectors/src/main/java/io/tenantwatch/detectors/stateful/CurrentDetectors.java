package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.SwappableDetection;
import java.util.HashMap;
import java.util.Map;

/**
 * The group F detectors as the operator configured them right now, for the parts of the topology
 * that run after their observations: window closes read thresholds here, so a reloaded
 * {@code detectors.yaml} applies to the next window without a restart. Window sizes, grace periods
 * and retention shape the state stores and are read once, when the topology is built.
 *
 * <p>Thresholds are the global setting: one actor's window spans namespaces of several tenants,
 * so a tenant's override of a threshold does not apply (its exceptions and enabled flag do, on
 * each observation). A detector disabled globally keeps the catalogue defaults here, which only
 * matter if a tenant enables it.
 */
final class CurrentDetectors {

    private final EventDetection detection;
    private final Map<String, Detector> defaults = new HashMap<>();

    CurrentDetectors(EventDetection detection) {
        this.detection = detection;
        for (DetectorDefinition d : StatefulDetectors.DEFINITIONS) {
            defaults.put(d.id(), d.withDefaults());
        }
    }

    <T extends Detector> T get(String id, Class<T> type) {
        EventDetection current = detection instanceof SwappableDetection swappable ? swappable.current() : detection;
        DetectorRegistry registry = current instanceof ConfiguredDetectors configured
                ? configured.global()
                : current instanceof DetectorRegistry plain ? plain : null;
        Detector found = registry == null ? null : registry.detectors().get(id);
        return type.cast(type.isInstance(found) ? found : defaults.get(id));
    }
}
