package io.tenantwatch.detectors;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.controlplane.ControlPlaneDetectors;
import io.tenantwatch.detectors.crosstenant.CrossTenantDetectors;
import io.tenantwatch.detectors.interactive.InteractiveDetectors;
import io.tenantwatch.detectors.rbac.RbacDetectors;
import io.tenantwatch.detectors.runtime.RuntimeDetectors;
import io.tenantwatch.detectors.stateful.StatefulDetectors;
import io.tenantwatch.detectors.workload.WorkloadDetectors;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of docs/detectors.md as implemented: every built-in detector's definition (its spec,
 * the parameters operators may tune, how to build it), in catalogue order, one group after another.
 * Each group's list is its {@code …Detectors.DEFINITIONS}; each definition lives in its detector's class.
 */
public final class BuiltInDetectors {

    private static final List<DetectorDefinition> DEFINITIONS = Stream.of(
                    CrossTenantDetectors.DEFINITIONS, // A
                    WorkloadDetectors.DEFINITIONS, // B
                    InteractiveDetectors.DEFINITIONS, // C
                    RbacDetectors.DEFINITIONS, // D
                    ControlPlaneDetectors.DEFINITIONS, // E
                    StatefulDetectors.DEFINITIONS, // F
                    RuntimeDetectors.DEFINITIONS) // G
            .flatMap(List::stream)
            .toList();

    private BuiltInDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return DEFINITIONS;
    }

    /** Every built-in detector with its default parameters. */
    public static List<Detector> all() {
        return DEFINITIONS.stream().map(DetectorDefinition::withDefaults).toList();
    }
}
