package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CrossTenantWriteTest {

    private final CrossTenantWrite detector = new CrossTenantWrite();

    @Test
    void aTenantServiceAccountPatchingAnotherTenantsDeploymentIsRaised() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .patch("deployments", "beta-prod", "payments-api")
                        .build());

        assertThat(alert.detector()).isEqualTo("cross-tenant-write");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(alert.namespace()).isEqualTo("beta-prod");
        assertThat(alert.actor().username()).isEqualTo("system:serviceaccount:alpha:deployer");
        assertThat(alert.resource().apiGroup()).isEqualTo("apps");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) patched "
                        + "deployments/payments-api in namespace beta-prod of tenant beta");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Impact", "T1565 Data Manipulation"));
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/apis/apps/v1/namespaces/beta-prod/deployments/payments-api");
    }

    @Test
    void createsAndDeletesByATenantsCiIdentityAreWrites() {
        Alert create = Detect.single(
                detector,
                AuditEvents.by(CI_ALPHA_DEPLOYER)
                        .create("configmaps", "beta-prod", "feature-flags")
                        .build());
        Alert delete = Detect.single(
                detector,
                AuditEvents.by(CI_ALPHA_DEPLOYER)
                        .delete("services", "beta-prod", "payments")
                        .build());

        assertThat(create.summary()).contains("(tenant alpha) created configmaps/feature-flags in namespace beta-prod");
        assertThat(delete.summary()).contains("deleted services/payments");
        assertThat(create.fingerprint()).isNotEqualTo(delete.fingerprint());
    }

    @Test
    void aSubresourceWriteNamesTheSubresource() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .patch("deployments", "beta-prod", "payments-api")
                        .subresource("scale")
                        .build());

        assertThat(alert.summary()).contains("patched deployments/payments-api/scale");
        assertThat(alert.resource().subresource()).isEqualTo("scale");
    }

    @Test
    void writingTheOwnTenantIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALPHA_DEPLOYER)
                                .patch("deployments", "alpha-prod", "web")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(CI_ALPHA_DEPLOYER)
                                .create("configmaps", "alpha", "flags")
                                .build()))
                .isEmpty();
    }

    @Test
    void aPlatformIdentityWritingInATenantNamespaceIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .patch("deployments", "beta-prod", "payments-api")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedOrFailedWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "beta-prod", "payments-api")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("configmaps", "beta-prod", "flags")
                                .code(409)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "beta-prod", "payments-api")
                                .code(422)
                                .build()))
                .isEmpty();
    }
}
