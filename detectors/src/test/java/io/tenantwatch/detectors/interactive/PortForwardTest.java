package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class PortForwardTest {

    private final PortForward detector = new PortForward();

    @Test
    void aPortForwardToADatabaseIsRaisedWithItsPort() {
        Alert alert = Detect.single(
                detector,
                InteractiveEvents.portForwardWithPorts(ALICE, "alpha-prod", "postgres-0", 5432)
                        .build());

        assertThat(alert.detector()).isEqualTo("port-forward");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) port-forwarded to pods/postgres-0 in namespace "
                        + "alpha-prod of tenant alpha (port 5432)");
        assertThat(alert.evidence().details()).containsExactly("ports: 5432");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/api/v1/namespaces/alpha-prod/pods/postgres-0/portforward?ports=5432");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Command and Control", "T1572 Protocol Tunneling"));
    }

    @Test
    void anSpdyPortForwardNamesNoPorts() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(DAVE).portForward("beta-prod", "redis-master-0").build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) port-forwarded to pods/redis-master-0 in namespace "
                        + "beta-prod of tenant beta");
        assertThat(alert.evidence().details()).isEmpty();
        assertThat(Detect.single(
                                detector,
                                InteractiveEvents.portForwardWithPorts(
                                                CAROL_ADMIN, "beta-prod", "grafana-0", 3000, 9090)
                                        .build())
                        .summary())
                .endsWith("(ports 3000, 9090)");
    }

    @Test
    void aCrossTenantPortForwardRaisesBothCrossTenantExecAndThis() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .portForward("beta-prod", "postgres-0")
                        .build()))
                .contains("cross-tenant-exec", "port-forward");
    }

    @Test
    void anOwnTenantPortForwardIsNeitherAnExecNorACrossing() {
        assertThat(Detect.detectorsRaising(
                        InteractiveEvents.portForwardWithPorts(ALICE, "alpha-prod", "postgres-0", 5432)
                                .build()))
                .contains("port-forward")
                .doesNotContain("pod-exec", "cross-tenant-exec");
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .portForward("kube-system", "coredns-5d78c9869d-kx4qz")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .portForward("alpha-prod", "postgres-0")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedPortForwardsAndOtherSubresourcesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .portForward("alpha-prod", "postgres-0")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .exec("alpha-prod", "postgres-0", "psql")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE).attach("alpha-prod", "postgres-0").build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .proxy("pods", "alpha-prod", "postgres-0:5432")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .proxy("services", "alpha-prod", "postgres:5432")
                                .build()))
                .isEmpty();
    }
}
