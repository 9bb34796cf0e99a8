package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Group F of the catalogue (docs/detectors.md, "Stateful and correlating"), in catalogue order. Each
 * is a {@link io.tenantwatch.detectors.Detector} whose per-event part emits observations through the
 * ordinary detection path; {@link StatefulTopology} keys, remembers and combines them into the alerts.
 */
public final class StatefulDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            ForbiddenBurst.DEFINITION,
            SecretEnumeration.DEFINITION,
            FirstSeenAccess.DEFINITION,
            RbacThenWorkload.DEFINITION,
            RuntimeThenApi.DEFINITION,
            TokenReuse.DEFINITION);

    /** The ids whose alerts out of the detection step are observations, not alerts. */
    public static final Set<String> IDS =
            DEFINITIONS.stream().map(DetectorDefinition::id).collect(Collectors.toUnmodifiableSet());

    private StatefulDetectors() {}

    /** True for what a group F detector emits per event: input of the stateful topology, never an alert itself. */
    public static boolean isObservation(String detectorId) {
        return IDS.contains(detectorId);
    }
}
