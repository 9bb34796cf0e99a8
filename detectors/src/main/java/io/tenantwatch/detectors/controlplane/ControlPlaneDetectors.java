package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.Params;
import java.util.List;

/**
 * Group E of docs/detectors.md, control plane and defence evasion, for
 * {@link io.tenantwatch.detectors.BuiltInDetectors} to register: as definitions (spec, factory;
 * none has a tunable parameter beyond enabled and severity) or as instances with the catalogue
 * defaults.
 */
public final class ControlPlaneDetectors {

    private ControlPlaneDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                DetectorDefinition.of(AdmissionWebhookModified.SPEC, AdmissionWebhookModified::new),
                DetectorDefinition.of(CorednsModified.SPEC, CorednsModified::new),
                DetectorDefinition.of(EventsDeleted.SPEC, EventsDeleted::new),
                DetectorDefinition.of(ServiceExposed.SPEC, ServiceExposed::new),
                DetectorDefinition.of(ConfigmapCredentials.SPEC, ConfigmapCredentials::new),
                DetectorDefinition.of(PodSecurityViolation.SPEC, PodSecurityViolation::new));
    }

    /** Each with its catalogue defaults. */
    public static List<Detector> all() {
        return definitions().stream().map(d -> d.factory().apply(Params.defaults())).toList();
    }
}
