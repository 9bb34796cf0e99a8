package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CrossTenantDeniedTest {

    private final CrossTenantDenied detector = new CrossTenantDenied();

    @Test
    void aRefusedRequestIntoAnotherTenantIsLow() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .get("secrets", "beta-prod", "db-credentials")
                        .forbidden()
                        .build());

        assertThat(alert.detector()).isEqualTo("cross-tenant-denied");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.namespace()).isEqualTo("beta-prod");
        assertThat(alert.actor().username()).isEqualTo("alice@contoso.com");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) was denied get on secrets/db-credentials"
                        + " in namespace beta-prod of tenant beta (HTTP 403)");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Discovery", "T1613 Container and Resource Discovery"));
        // an empty authorization reason (what a denial carries) is not evidence
        assertThat(alert.evidence().details()).containsExactly("actor tenants: alpha", "target tenant: beta");
    }

    @Test
    void anyRefusedVerbCounts() {
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALPHA_DEPLOYER)
                                        .list("pods", "beta-staging")
                                        .forbidden()
                                        .build())
                        .summary())
                .contains("was denied list on pods in namespace beta-staging");
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE)
                                        .exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "sh")
                                        .forbidden()
                                        .build())
                        .summary())
                .contains("was denied create on pods/payments-api-6c9f7d8b4-k2x7q/exec");
    }

    @Test
    void allowedOrMissingIsNotDenied() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("secrets", "beta-prod", "db-credentials")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("secrets", "beta-prod", "gone")
                                .code(404)
                                .build()))
                .isEmpty();
    }

    @Test
    void refusalsInTheOwnTenantPlatformOrForNonMembersAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .delete("namespaces", null, "alpha-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("secrets", "alpha-prod", "x")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .list("secrets", "kube-system")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .list("secrets", "beta-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PROMETHEUS)
                                .list("secrets", "beta-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
