package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Detect.withTenancy;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.impersonating;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Alert;
import org.junit.jupiter.api.Test;

class CrossTenantImpersonationTest {

    private final CrossTenantImpersonation detector = new CrossTenantImpersonation();

    @Test
    void aTenantMemberImpersonatingAnotherTenantsIdentityIsRaised() {
        Alert alert = withTenancy(
                        detector,
                        AuditEvents.by(impersonating(BOB, "alice@contoso.com"))
                                .get("secrets", "beta-prod", "db-credentials")
                                .build())
                .get(0);
        assertThat(alert.detector()).isEqualTo("cross-tenant-impersonation");
        assertThat(alert.actor().username()).isEqualTo("bob@contoso.com");
        assertThat(alert.actor().impersonatedBy()).isEqualTo("alice@contoso.com");
        assertThat(alert.summary())
                .startsWith("alice@contoso.com (tenant alpha) impersonated bob@contoso.com (tenant beta");
    }

    @Test
    void aServiceAccountImpersonatorIsAttributedByItsNamespace() {
        assertThat(withTenancy(
                        detector,
                        AuditEvents.by(impersonating(BOB, "system:serviceaccount:alpha-ci:deployer"))
                                .get("configmaps", "beta-prod", "settings")
                                .build()))
                .hasSize(1);
    }

    @Test
    void impersonationWithinATenantOrByUnknownPeopleStaysQuiet() {
        assertThat(withTenancy(
                        detector,
                        AuditEvents.by(impersonating(ALICE, "system:serviceaccount:alpha-ci:deployer"))
                                .get("configmaps", "alpha-prod", "settings")
                                .build()))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        AuditEvents.by(impersonating(BOB, "contractor@fabrikam.com"))
                                .get("configmaps", "beta-prod", "settings")
                                .build()))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "beta-prod", "settings")
                                .build()))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        AuditEvents.by(impersonating(BOB, "alice@contoso.com"))
                                .get("configmaps", "beta-prod", "settings")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Identities.ALICE.impersonatedBy()).isNull();
    }
}
