package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import java.util.List;

/**
 * The stateless group A detectors that guard the tenant boundary itself rather than classify one
 * request across it, for {@link io.tenantwatch.detectors.BuiltInDetectors} to register: as
 * definitions (spec, tunable parameters, factory) or as instances with the catalogue defaults.
 */
public final class BoundaryDetectors {

    /** {@code cluster-wide-secret-list}: skip Helm's release query ({@code labelSelector=owner=helm}). */
    public static final ParamSpec IGNORE_HELM_RELEASE_QUERY = ParamSpec.bool("ignoreHelmReleaseQuery", true,
            "Do not raise Helm's own cluster-wide release query (labelSelector owner=helm).");

    private BoundaryDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                DetectorDefinition.of(NetworkIsolationRemoved.SPEC, NetworkIsolationRemoved::new),
                new DetectorDefinition(ClusterWideSecretList.SPEC, List.of(IGNORE_HELM_RELEASE_QUERY),
                        params -> new ClusterWideSecretList(params.bool(IGNORE_HELM_RELEASE_QUERY))));
    }

    /** Each with its catalogue defaults. */
    public static List<Detector> all() {
        return definitions().stream().map(d -> d.factory().apply(Params.defaults())).toList();
    }
}
