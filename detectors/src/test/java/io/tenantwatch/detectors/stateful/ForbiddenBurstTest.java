package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
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
 * A stolen token finding out what it may do: alpha's deployer service-account token, used from
 * outside the cluster, gets 403 after 403 on secrets, exec, ConfigMaps, nodes and cluster roles.
 */
class ForbiddenBurstTest {

    private static final String ID = "forbidden-burst";
    private static final String ATTACKER_IP = "185.220.101.47";
    /** Windows are aligned on the epoch: this one is [09:10, 09:20). */
    private static final Instant WINDOW_START = Instant.parse("2024-05-14T09:10:00Z");

    @TempDir
    Path stateDir;

    /** Twelve denials on five resources, ten seconds apart from 09:11:00: what kube-hunter-style probing looks like. */
    static List<NormalizedEvent> probe(Actor actor, Instant from) {
        List<AuditEvents.Builder> requests = List.of(
                AuditEvents.by(actor).list("secrets", "beta-prod"),
                AuditEvents.by(actor).get("secrets", "beta-prod", "payments-db"),
                AuditEvents.by(actor).exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "sh"),
                AuditEvents.by(actor).list("configmaps", "beta-prod"),
                AuditEvents.by(actor).list("nodes", null),
                AuditEvents.by(actor).list("clusterroles", null),
                AuditEvents.by(actor).list("secrets", "kube-system"),
                AuditEvents.by(actor).exec("kube-system", "coredns-5d78c9869d-8xq2z", "sh"),
                AuditEvents.by(actor).get("configmaps", "kube-system", "coredns"),
                AuditEvents.by(actor).list("secrets", "alpha-prod"),
                AuditEvents.by(actor).list("nodes", null),
                AuditEvents.by(actor).get("secrets", "beta-prod", "payments-tls"));
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            events.add(requests.get(i)
                    .forbidden()
                    .sourceIp(ATTACKER_IP)
                    .at(from.plusSeconds(10L * i))
                    .normalized());
        }
        return events;
    }

    /** Something else happening in the cluster at {@code time}: moves stream time on. */
    static NormalizedEvent elsewhere(String time) {
        return AuditEvents.by(ALICE)
                .get("configmaps", "alpha-prod", "settings")
                .at(time)
                .normalized();
    }

    @Test
    void aProbingTokenIsOneAlertWhenItsWindowClosesAndNeverAgain() {
        List<NormalizedEvent> probe = probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z"));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(probe))).isEmpty();
            // The window ends at 09:20; with 5 minutes of grace it closes at 09:25 of stream time.
            assertThat(TopologyRun.of(ID, run.send(elsewhere("2024-05-14T09:24:50Z"))))
                    .isEmpty();

            List<Alert> alerts = TopologyRun.of(ID, run.send(elsewhere("2024-05-14T09:25:10Z")));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            String username = ALPHA_DEPLOYER.username();
            assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(alert.evidence().count()).isEqualTo(12);
            assertThat(alert.evidence().auditIds())
                    .containsExactlyElementsOf(
                            probe.stream().map(NormalizedEvent::auditId).toList());
            assertThat(alert.time()).isEqualTo(Instant.parse("2024-05-14T09:20:00Z"));
            assertThat(alert.firstSeen()).isEqualTo(Instant.parse("2024-05-14T09:11:00Z"));
            assertThat(alert.lastSeen()).isEqualTo(Instant.parse("2024-05-14T09:12:50Z"));
            assertThat(alert.id())
                    .isEqualTo(AlertKeys.alertId(ID, TenancyFixtures.CLUSTER, username + "\u001F" + WINDOW_START));
            assertThat(alert.fingerprint())
                    .isEqualTo(AlertKeys.hash(ID, TenancyFixtures.CLUSTER, null, username, null, null, null, null));
            assertThat(alert.actor().username()).isEqualTo(username);
            assertThat(alert.actorTenants()).containsExactly("alpha");
            assertThat(alert.namespace()).isNull();
            assertThat(alert.evidence().sourceIPs()).containsExactly(ATTACKER_IP);
            assertThat(alert.summary())
                    .isEqualTo(username + " (tenant alpha) was denied 12 requests on 5 resources within 10m "
                            + "(secrets, pods/exec, configmaps, nodes, clusterroles)");
            assertThat(alert.evidence().details())
                    .containsExactly(
                            "denied resources: secrets, pods/exec, configmaps, nodes, clusterroles",
                            "window: 2024-05-14T09:10:00Z to 2024-05-14T09:20:00Z",
                            "namespaces: several");

            assertThat(TopologyRun.of(ID, run.send(elsewhere("2024-05-14T10:40:00Z"))))
                    .isEmpty();
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void manyDenialsOfOneResourceAreABrokenDeploymentNotAProbe() {
        List<NormalizedEvent> retries = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            retries.add(AuditEvents.by(ALPHA_DEPLOYER)
                    .get("secrets", "alpha-prod", "registry-credentials")
                    .forbidden()
                    .at(Instant.parse("2024-05-14T09:11:00Z").plusSeconds(20L * i))
                    .normalized());
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(retries);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void nineDenialsAreBelowTheThreshold() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z")).subList(0, 9));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void aDenialWithinTheGraceIsCountedAndOneAfterTheWindowClosedIsLate() {
        List<NormalizedEvent> probe = probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z"));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(probe.subList(0, 9));
            run.send(elsewhere("2024-05-14T09:22:00Z"));
            // 09:12:30 arrives when stream time is at 09:22: after the window's end, within its grace.
            run.send(probe.get(9));
            assertThat(run.late(ID)).isZero();

            List<Alert> alerts = TopologyRun.of(ID, run.send(elsewhere("2024-05-14T09:25:30Z")));
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).evidence().count()).isEqualTo(10);

            run.send(probe.get(10));
            assertThat(run.late(ID)).isEqualTo(1);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void eachWindowOfOneActorIsItsOwnAlertOfTheSameFinding() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z")));
            run.send(probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:21:00Z")));
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(2);
            assertThat(alerts.get(0).fingerprint()).isEqualTo(alerts.get(1).fingerprint());
            assertThat(alerts.get(0).id()).isNotEqualTo(alerts.get(1).id());
            assertThat(alerts)
                    .extracting(Alert::time)
                    .containsExactly(Instant.parse("2024-05-14T09:20:00Z"), Instant.parse("2024-05-14T09:30:00Z"));
        }
    }

    @Test
    void thresholdsAndTheWindowAreTunedInDetectorsYaml() {
        String yaml = """
                detectors:
                  forbidden-burst: {minDenials: 3, minResources: 2, window: 1m, grace: 30s, severity: high}
                """;
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            run.send(
                    probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z")).subList(0, 3));
            List<Alert> alerts = TopologyRun.of(ID, run.send(elsewhere("2024-05-14T09:12:31Z")));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).severity()).isEqualTo(Severity.HIGH);
            assertThat(alerts.get(0).evidence().count()).isEqualTo(3);
            assertThat(alerts.get(0).summary()).contains("was denied 3 requests on 2 resources within 1m");
            assertThat(alerts.get(0).time()).isEqualTo(Instant.parse("2024-05-14T09:12:00Z"));
        }
    }

    @Test
    void anExceptionSilencesTheDenialsItMatchesSoTheyDoNotCount() {
        String yaml = """
                exceptions:
                  - detector: forbidden-burst
                    actor: "system:serviceaccount:alpha:*"
                    reason: alpha's pipeline checks its own permissions with expected 403s
                """;
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            run.send(probe(ALPHA_DEPLOYER, Instant.parse("2024-05-14T09:11:00Z")));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
            assertThat(run.exceptionsApplied(ID)).isEqualTo(12);
        }
    }
}
