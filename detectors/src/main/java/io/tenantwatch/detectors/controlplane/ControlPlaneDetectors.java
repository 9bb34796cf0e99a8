package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/**
 * Group E of the catalogue (docs/detectors.md, "Control plane and defence evasion"), in catalogue
 * order; none has a tunable parameter beyond enabled and severity.
 */
public final class ControlPlaneDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            AdmissionWebhookModified.DEFINITION,
            CorednsModified.DEFINITION,
            EventsDeleted.DEFINITION,
            ServiceExposed.DEFINITION,
            ConfigmapCredentials.DEFINITION,
            PodSecurityViolation.DEFINITION);

    private ControlPlaneDetectors() {}
}
