package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation used at once: alice binds herself to cluster-admin, then starts a privileged debug pod
 * with it two minutes later.
 */
class RbacThenWorkloadTest {

    private static final String ID = "rbac-then-workload";
    private static final Instant T = Instant.parse("2024-05-14T09:12:00Z");

    @TempDir
    Path stateDir;

    /** A ClusterRoleBinding of cluster-admin to the actor: raises cluster-admin-binding (group D). */
    private static NormalizedEvent bindClusterAdmin(Actor actor, Instant at) {
        return RbacEvents.by(actor)
                .create("clusterrolebindings", null, "debug-access")
                .binding("ClusterRole", "cluster-admin", RbacEvents.user(actor.username()))
                .at(at)
                .normalized();
    }

    private static NormalizedEvent privilegedPod(Actor actor, String name, Instant at) {
        return AuditEvents.by(actor)
                .create("pods", "alpha-prod", name)
                .podSpec(PodSpecs.privileged(null, "debug"))
                .at(at)
                .normalized();
    }

    @Test
    void aClusterAdminBindingThenAPodByTheSameActorIsOneSequence() {
        NormalizedEvent binding = bindClusterAdmin(ALICE, T);
        NormalizedEvent pod = privilegedPod(ALICE, "debug", T.plusSeconds(130));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of("cluster-admin-binding", run.send(binding)))
                    .hasSize(1);

            List<Alert> alerts = TopologyRun.of(ID, run.send(pod));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.id())
                    .isEqualTo(AlertKeys.eventAlertId(ID, TenancyFixtures.CLUSTER, binding.auditId(), binding.time()));
            assertThat(alert.evidence().auditIds()).containsExactly(binding.auditId(), pod.auditId());
            assertThat(alert.evidence().count()).isEqualTo(2);
            assertThat(alert.firstSeen()).isEqualTo(T);
            assertThat(alert.lastSeen()).isEqualTo(T.plusSeconds(130)).isEqualTo(alert.time());
            assertThat(alert.namespace()).isEqualTo("alpha-prod");
            assertThat(alert.resource().resource()).isEqualTo("pods");
            assertThat(alert.summary())
                    .isEqualTo("alice@contoso.com (tenant alpha) created pods/debug in namespace alpha-prod "
                            + "of tenant alpha 130s after an RBAC write that raised cluster-admin-binding "
                            + "(created clusterrolebindings/debug-access in cluster scope)");

            assertThat(TopologyRun.of(ID, run.send(privilegedPod(ALICE, "debug-2", T.plusSeconds(200)))))
                    .as("once per RBAC write")
                    .isEmpty();
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void theWorkloadMustComeWithinFiveMinutesAndFromTheSameActor() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    bindClusterAdmin(ALICE, T),
                    privilegedPod(BOB, "bobs-pod", T.plusSeconds(60)),
                    privilegedPod(ALICE, "too-late", T.plusSeconds(301)));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void anRbacWriteThatRaisedNothingStartsNothing() {
        NormalizedEvent viewBinding = RbacEvents.by(ALICE)
                .create("rolebindings", "alpha-prod", "view-for-bob")
                .binding("ClusterRole", "view", RbacEvents.user("alice@contoso.com"))
                .at(T)
                .normalized();
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(viewBinding, privilegedPod(ALICE, "web", T.plusSeconds(30)));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void aWorkloadThatArrivesBeforeItsRbacWriteIsMatchedAllTheSame() {
        // A cluster-scoped binding and a namespaced pod reach the topology through different partitions.
        NormalizedEvent binding = bindClusterAdmin(ALICE, T);
        NormalizedEvent pod = privilegedPod(ALICE, "debug", T.plusSeconds(45));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(pod))).isEmpty();
            List<Alert> alerts = TopologyRun.of(ID, run.send(binding));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).evidence().auditIds()).containsExactly(binding.auditId(), pod.auditId());
            assertThat(alerts.get(0).time()).isEqualTo(T.plusSeconds(45));
        }
    }

    @Test
    void theStartingDetectorsAndTheWindowAreTunedInDetectorsYaml() {
        String yaml = """
                detectors:
                  rbac-then-workload: {startedBy: [wildcard-role], window: 1m}
                """;
        NormalizedEvent wildcard = RbacEvents.by(ALICE)
                .create("roles", "alpha-prod", "everything")
                .rules(RbacEvents.rule("*", "*", "*"))
                .at(T.plusSeconds(600))
                .normalized();
        NormalizedEvent laterWildcard = RbacEvents.by(ALICE)
                .update("roles", "alpha-prod", "everything")
                .rules(RbacEvents.rule("*", "*", "*"))
                .at(T.plusSeconds(1000))
                .normalized();
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            assertThat(TopologyRun.of(
                            ID,
                            run.send(
                                    bindClusterAdmin(ALICE, T),
                                    privilegedPod(ALICE, "after-binding", T.plusSeconds(30)))))
                    .as("cluster-admin-binding no longer starts a sequence")
                    .isEmpty();
            assertThat(TopologyRun.of(ID, run.send(wildcard, privilegedPod(ALICE, "after-role", T.plusSeconds(650)))))
                    .extracting(a -> a.evidence().auditIds().get(0))
                    .containsExactly(wildcard.auditId());
            assertThat(TopologyRun.of(
                            ID, run.send(laterWildcard, privilegedPod(ALICE, "too-late", T.plusSeconds(1061)))))
                    .as("61 s after, with a 1m window")
                    .isEmpty();
        }
    }
}
