package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import java.util.List;

/**
 * Group D of the catalogue (docs/detectors.md, "RBAC and identity") for
 * {@link io.tenantwatch.detectors.BuiltInDetectors} to register, in catalogue order: as
 * definitions (spec, tunable parameters, factory) or as instances with the catalogue defaults.
 */
public final class RbacDetectors {

    public static final ParamSpec ADMIN_ROLES = ParamSpec.stringList("adminRoles", ClusterAdminBinding.DEFAULT_ADMIN_ROLES,
            "ClusterRoles that count as cluster-admin when a binding grants them.");
    public static final ParamSpec TRUSTED_IMPERSONATORS = ParamSpec.stringList("trustedImpersonators", List.of(),
            "Identities (e.g. an authenticating proxy's service account) whose impersonation is expected.");

    private RbacDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                new DetectorDefinition(ClusterAdminBinding.SPEC, List.of(ADMIN_ROLES),
                        params -> new ClusterAdminBinding(params.stringList(ADMIN_ROLES))),
                DetectorDefinition.of(WildcardRole.SPEC, WildcardRole::new),
                DetectorDefinition.of(SensitiveRole.SPEC, SensitiveRole::new),
                DetectorDefinition.of(SystemRoleModified.SPEC, SystemRoleModified::new),
                new DetectorDefinition(PrivilegedImpersonation.SPEC, List.of(TRUSTED_IMPERSONATORS),
                        params -> new PrivilegedImpersonation(params.stringList(TRUSTED_IMPERSONATORS))),
                DetectorDefinition.of(AnonymousAccess.SPEC, AnonymousAccess::new),
                DetectorDefinition.of(BreakGlassAdmin.SPEC, BreakGlassAdmin::new),
                DetectorDefinition.of(TokenRequest.SPEC, TokenRequest::new),
                DetectorDefinition.of(CsrActivity.SPEC, CsrActivity::new),
                DetectorDefinition.of(AccessReviewByWorkload.SPEC, AccessReviewByWorkload::new));
    }

    /** Each with its catalogue defaults. */
    public static List<Detector> all() {
        return definitions().stream().map(d -> d.factory().apply(Params.defaults())).toList();
    }
}
