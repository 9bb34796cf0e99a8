package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/** Group C of the catalogue (docs/detectors.md, "Interactive access"), in catalogue order. */
public final class InteractiveDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            PodExec.DEFINITION,
            ExecSuspiciousCommand.DEFINITION,
            PlatformExecIntoTenant.DEFINITION,
            NodeProxyAccess.DEFINITION,
            PortForward.DEFINITION,
            EphemeralContainer.DEFINITION);

    private InteractiveDetectors() {}
}
