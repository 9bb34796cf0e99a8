package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;
import java.util.Set;

/**
 * Group F of the catalogue (docs/detectors.md, "Stateful and correlating"), in catalogue order, for
 * {@link io.tenantwatch.detectors.BuiltInDetectors} to register. Each is a {@link io.tenantwatch.detectors.Detector}
 * whose per-event part emits observations through the ordinary detection path;
 * {@link StatefulTopology} keys, remembers and combines them into the alerts.
 */
public final class StatefulDetectors {

    /** The ids whose alerts out of the detection step are observations, not alerts. */
    public static final Set<String> IDS = Set.of(ForbiddenBurst.SPEC.id(), SecretEnumeration.SPEC.id(),
            FirstSeenAccess.SPEC.id(), RbacThenWorkload.SPEC.id(), RuntimeThenApi.SPEC.id(), TokenReuse.SPEC.id());

    private StatefulDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(ForbiddenBurst.definition(), SecretEnumeration.definition(), FirstSeenAccess.definition(),
                RbacThenWorkload.definition(), RuntimeThenApi.definition(), TokenReuse.definition());
    }

    /** True for what a group F detector emits per event: input of the stateful topology, never an alert itself. */
    public static boolean isObservation(String detectorId) {
        return IDS.contains(detectorId);
    }
}
