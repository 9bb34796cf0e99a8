package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CrossTenantSecretAccessTest {

    private final CrossTenantSecretAccess detector = new CrossTenantSecretAccess();

    @Test
    void readingAnotherTenantsSecretIsCritical() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .get("secrets", "beta-prod", "db-credentials")
                        .build());

        assertThat(alert.detector()).isEqualTo("cross-tenant-secret-access");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.namespace()).isEqualTo("beta-prod");
        assertThat(alert.actor().username()).isEqualTo("alice@contoso.com");
        assertThat(alert.summary())
                .isEqualTo(
                        "alice@contoso.com (tenant alpha) read secrets/db-credentials in namespace beta-prod of tenant beta");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Credential Access", "T1552.007 Container API"));
        assertThat(alert.evidence().keys()).isEmpty();
    }

    @Test
    void everyVerbOnSecretsCounts() {
        Alert list = Detect.single(
                detector, AuditEvents.by(ALICE).list("secrets", "beta-prod").build());
        Alert create = Detect.single(
                detector,
                AuditEvents.by(CI_ALPHA_DEPLOYER)
                        .create("secrets", "beta-staging", "registry-pull")
                        .build());
        Alert delete = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .delete("secrets", "beta-prod", "tls-payments")
                        .build());

        assertThat(list.summary()).contains("listed secrets in namespace beta-prod");
        assertThat(create.summary()).contains("created secrets/registry-pull in namespace beta-staging of tenant beta");
        assertThat(delete.summary()).contains("deleted secrets/tls-payments");
    }

    @Test
    void ownTenantAndPlatformSecretAccessIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(BOB)
                                .get("secrets", "beta-prod", "db-credentials")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .create("secrets", "beta-prod", "sealed")
                                .build()))
                .isEmpty();
    }

    @Test
    void aRefusedSecretReadIsNotAccess() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("secrets", "beta-prod", "db-credentials")
                                .forbidden()
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
}
