package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CrossTenantExecTest {

    private static final String POD = "payments-api-6c9f7d8b4-k2x7q";
    private final CrossTenantExec detector = new CrossTenantExec();

    @Test
    void execIntoAnotherTenantsPodIsCriticalAndCarriesTheCommand() {
        NormalizedEvent event = AuditEvents.by(ALICE)
                .exec("beta-prod", POD, "sh", "-c", "cat /var/run/secrets/kubernetes.io/serviceaccount/token")
                .build();

        Alert alert = Detect.single(detector, event);

        assertThat(alert.detector()).isEqualTo("cross-tenant-exec");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.namespace()).isEqualTo("beta-prod");
        assertThat(alert.actor().username()).isEqualTo("alice@contoso.com");
        assertThat(alert.resource().subresource()).isEqualTo("exec");
        assertThat(alert.summary())
                .isEqualTo(
                        "alice@contoso.com (tenant alpha) exec'd into pods/" + POD
                                + " in namespace beta-prod of tenant beta: sh -c cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(alert.evidence().details())
                .contains("command: sh -c cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(alert.evidence().requestURI())
                .startsWith("/api/v1/namespaces/beta-prod/pods/" + POD + "/exec?command=sh");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1609 Container Administration Command"));
    }

    @Test
    void attachPortForwardAndProxyAreExecLike() {
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE).attach("beta-prod", POD).build())
                        .summary())
                .contains("attached to pods/" + POD);
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALPHA_DEPLOYER)
                                        .portForward("beta-prod", "postgres-0")
                                        .build())
                        .summary())
                .contains("port-forwarded to pods/postgres-0");
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE)
                                        .proxy("services", "beta-prod", "payments:8080")
                                        .build())
                        .summary())
                .contains("proxied to services/payments:8080");
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE)
                                        .proxy("pods", "beta-prod", POD)
                                        .build())
                        .summary())
                .contains("proxied to pods/" + POD);
    }

    @Test
    void aWebSocketExecUsesGetAndStillCounts() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE).exec("beta-prod", POD, "id").verb("get").build());

        assertThat(alert.verb()).isEqualTo("get");
        assertThat(alert.summary()).endsWith(": id");
    }

    @Test
    void execInTheOwnTenantOrRefusedIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(BOB).exec("beta-prod", POD, "sh").build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .exec("beta-prod", POD, "sh")
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
