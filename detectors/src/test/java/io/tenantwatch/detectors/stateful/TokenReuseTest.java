package io.tenantwatch.detectors.stateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bound service-account token copied out of its pod: the same credential id arriving with
 * another pod's name, or from an address outside the cluster.
 */
class TokenReuseTest {

    private static final String ID = "token-reuse";
    private static final Instant T = Instant.parse("2024-05-14T09:12:00Z");
    private static final String CREDENTIAL = "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c";
    private static final String POD_IP = "10.244.1.23";

    @TempDir
    Path stateDir;

    /** The payments pod's token, as the API server reports it: the pod it was issued for and its id. */
    private static Actor token(String pod) {
        Actor sa = Identities.serviceAccount("beta-prod", "payments-api");
        return new Actor(
                sa.username(),
                sa.uid(),
                sa.groups(),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                "beta-prod",
                pod,
                CREDENTIAL,
                null);
    }

    private static NormalizedEvent use(Actor actor, String ip, int second) {
        return AuditEvents.by(actor)
                .get("configmaps", "beta-prod", "payments-settings")
                .sourceIp(ip)
                .at(T.plusSeconds(second))
                .normalized();
    }

    @Test
    void oneCredentialFromASecondPodIsRaisedOnce() {
        NormalizedEvent first = use(token("payments-api-6c9f7d8b4-k2x7q"), POD_IP, 0);
        NormalizedEvent second = use(token("payments-api-6c9f7d8b4-zz9wq"), "10.244.2.17", 30);
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(first))).isEmpty();
            List<Alert> alerts = TopologyRun.of(ID, run.send(second));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            String username = "system:serviceaccount:beta-prod:payments-api";
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.id()).isEqualTo(AlertKeys.alertId(ID, TenancyFixtures.CLUSTER, CREDENTIAL + "\u001Fpods"));
            assertThat(alert.fingerprint())
                    .isEqualTo(
                            AlertKeys.hash(ID, TenancyFixtures.CLUSTER, null, username, null, null, CREDENTIAL, null));
            assertThat(alert.evidence().auditIds()).containsExactly(first.auditId(), second.auditId());
            assertThat(alert.firstSeen()).isEqualTo(T);
            assertThat(alert.lastSeen()).isEqualTo(T.plusSeconds(30));
            assertThat(alert.actor().podName()).isEqualTo("payments-api-6c9f7d8b4-zz9wq");
            assertThat(alert.summary())
                    .isEqualTo(
                            username + " (tenant beta) used a token issued for pod payments-api-6c9f7d8b4-k2x7q "
                                    + "from pod payments-api-6c9f7d8b4-zz9wq (read configmaps/payments-settings in namespace beta-prod of tenant beta)");
            assertThat(alert.evidence().details())
                    .containsExactly(
                            "credential: " + CREDENTIAL,
                            "pods: payments-api-6c9f7d8b4-k2x7q, payments-api-6c9f7d8b4-zz9wq",
                            "source IPs: 10.244.1.23, 10.244.2.17");

            assertThat(TopologyRun.of(ID, run.send(use(token("payments-api-6c9f7d8b4-x8x8x"), "10.244.3.3", 60))))
                    .isEmpty();
        }
    }

    @Test
    void aBusyPodUsingItsOwnTokenIsQuiet() {
        List<NormalizedEvent> steady = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            steady.add(use(token("payments-api-6c9f7d8b4-k2x7q"), POD_IP, i));
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(steady);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void aUseFromOutsideTheClusterRangesIsRaisedOncePerCredential() {
        String yaml = """
                detectors:
                  token-reuse: {clusterRanges: ["10.244.0.0/16", "20.103.45.0/24"]}
                """;
        Actor pod = token("payments-api-6c9f7d8b4-k2x7q");
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(use(pod, POD_IP, 0), use(pod, "20.103.45.17", 5))))
                    .isEmpty();

            List<Alert> alerts = TopologyRun.of(ID, run.send(use(pod, "203.0.113.77", 40)));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).id())
                    .isEqualTo(AlertKeys.alertId(ID, TenancyFixtures.CLUSTER, CREDENTIAL + "\u001Foutside"));
            assertThat(alerts.get(0).summary())
                    .startsWith("system:serviceaccount:beta-prod:payments-api (tenant beta) used its token "
                            + "from 203.0.113.77, outside the cluster's address ranges");
            assertThat(alerts.get(0).evidence().sourceIPs()).containsExactly("203.0.113.77");
            assertThat(alerts.get(0).evidence().details()).contains("cluster ranges: 10.244.0.0/16, 20.103.45.0/24");
            assertThat(TopologyRun.of(ID, run.send(use(pod, "198.51.100.9", 50))))
                    .isEmpty();
        }
    }

    @Test
    void requestsWithoutACredentialIdAreNotObserved() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    use(Identities.serviceAccount("beta-prod", "payments-api"), POD_IP, 0),
                    use(RbacEvents.podServiceAccount("beta-prod", "payments-api", "a"), POD_IP, 1),
                    use(RbacEvents.podServiceAccount("beta-prod", "payments-api", "b"), POD_IP, 2));
            assertThat(TopologyRun.of(ID, run.flush()))
                    .as("each pod has its own credential")
                    .isEmpty();
        }
    }

    @Test
    void aClusterRangeThatIsNotOneIsAConfigurationError() {
        assertThatThrownBy(() ->
                        TopologyRun.detection("detectors:\n  token-reuse: {clusterRanges: [\"10.244.0.0/33\"]}\n"))
                .hasMessageContaining("detectors.token-reuse.clusterRanges: '10.244.0.0/33' is not an address range");
        assertThatThrownBy(() ->
                        TopologyRun.detection("detectors:\n  token-reuse: {clusterRanges: [\"pods.internal/16\"]}\n"))
                .hasMessageContaining("'pods.internal/16' is not an address range");
    }
}
