package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Group F of the catalogue (docs/detectors.md, "Stateful and correlating"), in catalogue order. Each
 * is an {@link ObservingDetector}: per event it emits {@link Observation}s through the ordinary
 * detection path; {@link StatefulTopology} keys, remembers and combines them into the alerts.
 */
public final class StatefulDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            ForbiddenBurst.DEFINITION,
            RepeatedDeniedAccess.DEFINITION,
            DeniedByUnknownIdentity.DEFINITION,
            SecretEnumeration.DEFINITION,
            FirstSeenAccess.DEFINITION,
            RbacThenWorkload.DEFINITION,
            RuntimeThenApi.DEFINITION,
            TokenReuse.DEFINITION,
            WorkloadContainerAdded.DEFINITION);

    /** The ids of group F: their alerts come out of the stateful topology, never out of the detection step. */
    public static final Set<String> IDS =
            DEFINITIONS.stream().map(DetectorDefinition::id).collect(Collectors.toUnmodifiableSet());

    private StatefulDetectors() {}

    /** True for a group F detector's id: one whose per-event output is an {@link Observation}, not an alert. */
    public static boolean isObservation(String detectorId) {
        return IDS.contains(detectorId);
    }
}
