package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/** The ids of group D, in catalogue order (run them with {@link io.tenantwatch.detectors.testing.Detect}). */
final class GroupD {

    static final List<String> IDS =
            RbacDetectors.DEFINITIONS.stream().map(DetectorDefinition::id).toList();

    private GroupD() {}
}
