package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.testkit.events.PodSpecs;
import org.junit.jupiter.api.Test;

/**
 * docs/detectors.md, "Precedence": an allowed cross-tenant request is secret access, exec, write or
 * read, in that order, and only one of them; pod-exec does not consider a cross-tenant exec.
 * Run against the whole built-in catalogue.
 */
class CrossTenantPrecedenceTest {

    @Test
    void aCrossTenantExecIsOnlyCrossTenantExec() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "bash")
                        .build()))
                .containsExactly("cross-tenant-exec");
        // the WebSocket form is a read verb, still not a read
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "bash")
                        .verb("get")
                        .build()))
                .containsExactly("cross-tenant-exec");
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .attach("beta-prod", "payments-api-6c9f7d8b4-k2x7q")
                        .build()))
                .containsExactly("cross-tenant-exec");
    }

    @Test
    void aSecretWriteIsOnlySecretAccess() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALPHA_DEPLOYER)
                        .create("secrets", "beta-prod", "planted")
                        .build()))
                .containsExactly("cross-tenant-secret-access");
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .get("secrets", "beta-prod", "db-credentials")
                        .build()))
                .containsExactly("cross-tenant-secret-access");
    }

    @Test
    void plainReadsAndWritesRaiseOneEach() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .get("configmaps", "beta-prod", "settings")
                        .build()))
                .containsExactly("cross-tenant-read");
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .patch("configmaps", "beta-prod", "settings")
                        .build()))
                .containsExactly("cross-tenant-write");
    }

    @Test
    void otherDetectorsAreIndependentOfThePrecedence() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALPHA_DEPLOYER)
                        .create("pods", "beta-prod", "debug")
                        .podSpec(PodSpecs.privileged(null, "debug"))
                        .build()))
                .containsExactlyInAnyOrder("cross-tenant-write", "privileged-container");
    }
}
