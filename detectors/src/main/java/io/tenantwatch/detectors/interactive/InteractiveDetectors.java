package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import java.util.List;

/**
 * Group C of the catalogue (docs/detectors.md, "Interactive access") for
 * {@link io.tenantwatch.detectors.BuiltInDetectors} to register, in catalogue order.
 */
public final class InteractiveDetectors {

    public static final ParamSpec INCLUDE_OWN_TENANT = ParamSpec.bool("includeOwnTenant", false,
            "Also raise when a tenant member execs into its own tenant's pods.");

    private InteractiveDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                new DetectorDefinition(PodExec.SPEC, List.of(INCLUDE_OWN_TENANT), p -> new PodExec(p.bool(INCLUDE_OWN_TENANT))),
                DetectorDefinition.of(ExecSuspiciousCommand.SPEC, ExecSuspiciousCommand::new),
                DetectorDefinition.of(NodeProxyAccess.SPEC, NodeProxyAccess::new),
                DetectorDefinition.of(PortForward.SPEC, PortForward::new),
                DetectorDefinition.of(EphemeralContainer.SPEC, EphemeralContainer::new));
    }

    /** Each with its catalogue defaults. */
    public static List<Detector> all() {
        return definitions().stream().map(d -> d.factory().apply(Params.defaults())).toList();
    }
}
