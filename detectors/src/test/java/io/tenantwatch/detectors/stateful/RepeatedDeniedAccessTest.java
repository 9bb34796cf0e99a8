package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Low-and-slow probing of one target: alpha's deployer token, used from outside the cluster, asks
 * for beta's payment database Secret every two minutes and is refused every time; too slow and too
 * narrow for {@code forbidden-burst}.
 */
class RepeatedDeniedAccessTest {

    private static final String ID = "repeated-denied-access";
    private static final String ATTACKER_IP = "185.220.101.47";
    private static final String PAYMENTS_DB = "/api/v1/namespaces/beta-prod/secrets/payments-db";
    /** Windows are aligned on the epoch: this one is [09:00, 10:00). */
    private static final Instant WINDOW_START = Instant.parse("2024-05-14T09:00:00Z");

    private static final Instant FROM = Instant.parse("2024-05-14T09:02:00Z");

    @TempDir
    Path stateDir;

    /** {@code count} denials of {@code request}, {@code spacingSeconds} apart from {@code from}. */
    static List<NormalizedEvent> denied(
            Actor actor,
            int count,
            Instant from,
            long spacingSeconds,
            Function<AuditEvents.Builder, AuditEvents.Builder> request) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(request.apply(AuditEvents.by(actor))
                    .forbidden()
                    .sourceIp(ATTACKER_IP)
                    .at(from.plusSeconds(spacingSeconds * i))
                    .normalized());
        }
        return events;
    }

    static List<NormalizedEvent> paymentsDbReads(Actor actor, int count, Instant from) {
        return denied(actor, count, from, 120, b -> b.get("secrets", "beta-prod", "payments-db"));
    }

    @Test
    void twentyDeniedReadsOfOneSecretOverFortyMinutesAreOneAlertWhenTheHourCloses() {
        List<NormalizedEvent> reads = paymentsDbReads(ALPHA_DEPLOYER, 20, FROM);
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            List<Alert> raised = new ArrayList<>(run.send(reads));
            // The window ends at 10:00; with 5 minutes of grace it closes at 10:05 of stream time.
            raised.addAll(run.send(ForbiddenBurstTest.elsewhere("2024-05-14T10:04:50Z")));
            assertThat(TopologyRun.of(ID, raised)).isEmpty();

            raised.addAll(run.send(ForbiddenBurstTest.elsewhere("2024-05-14T10:05:10Z")));
            List<Alert> alerts = TopologyRun.of(ID, raised);

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            String username = ALPHA_DEPLOYER.username();
            assertThat(alert.severity()).isEqualTo(Severity.LOW);
            assertThat(alert.evidence().count()).isEqualTo(20);
            assertThat(alert.evidence().auditIds())
                    .containsExactlyElementsOf(
                            reads.stream().map(NormalizedEvent::auditId).toList());
            assertThat(alert.time()).isEqualTo(Instant.parse("2024-05-14T10:00:00Z"));
            assertThat(alert.firstSeen()).isEqualTo(FROM);
            assertThat(alert.lastSeen()).isEqualTo(FROM.plusSeconds(19 * 120));
            assertThat(alert.id())
                    .isEqualTo(AlertKeys.alertId(
                            ID, TenancyFixtures.CLUSTER, username + "\u001F" + PAYMENTS_DB + "\u001F" + WINDOW_START));
            assertThat(alert.fingerprint())
                    .isEqualTo(
                            AlertKeys.hash(ID, TenancyFixtures.CLUSTER, null, username, null, PAYMENTS_DB, null, null));
            assertThat(alert.namespace()).isEqualTo("beta-prod");
            assertThat(alert.tenant()).isEqualTo("beta");
            assertThat(alert.actorTenants()).containsExactly("alpha");
            assertThat(alert.evidence().sourceIPs()).containsExactly(ATTACKER_IP);
            assertThat(alert.summary())
                    .isEqualTo(
                            username + " (tenant alpha) was denied 20 requests (get) on " + PAYMENTS_DB + " within 1h");
            assertThat(alert.evidence().details())
                    .containsExactly(
                            "denied target: " + PAYMENTS_DB,
                            "verbs: get",
                            "window: 2024-05-14T09:00:00Z to 2024-05-14T10:00:00Z");
            // What the detector adds: one resource is no burst.
            assertThat(TopologyRun.of("forbidden-burst", raised)).isEmpty();
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void tenDeniedExecsIntoOnePodAreOneTargetWhateverTheCommand() {
        String[] commands = {"sh", "bash", "cat /var/run/secrets/kubernetes.io/serviceaccount/token", "env", "id"};
        List<NormalizedEvent> execs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String command = commands[i % commands.length];
            execs.addAll(denied(
                    ALICE,
                    1,
                    FROM.plusSeconds(150L * i),
                    0,
                    b -> b.exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", command.split(" "))));
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(execs);
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).summary())
                    .isEqualTo("alice@contoso.com (tenant alpha) was denied 10 requests (create) on "
                            + "/api/v1/namespaces/beta-prod/pods/payments-api-6c9f7d8b4-k2x7q/exec within 1h");
        }
    }

    @Test
    void tenForbiddenRequestsOnOneNonResourcePathRaise() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(denied(
                    ALPHA_DEPLOYER, 10, FROM, 300, b -> b.nonResource("get", "/debug/pprof/profile?seconds=30")));
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).evidence().details()).startsWith("denied target: /debug/pprof/profile");
            assertThat(alerts.get(0).namespace()).isNull();
        }
    }

    @Test
    void twoTargetsOfOneActorAreTwoAlertsAndTwoFindings() {
        List<NormalizedEvent> events = new ArrayList<>(paymentsDbReads(ALPHA_DEPLOYER, 10, FROM));
        events.addAll(denied(
                ALPHA_DEPLOYER, 10, FROM.plusSeconds(60), 120, b -> b.get("secrets", "beta-prod", "payments-tls")));
        events.sort((a, b) -> a.time().compareTo(b.time()));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(2);
            assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
            assertThat(alerts).extracting(Alert::fingerprint).doesNotHaveDuplicates();
            assertThat(alerts)
                    .extracting(a -> a.evidence().details().get(0))
                    .containsExactly(
                            "denied target: " + PAYMENTS_DB,
                            "denied target: /api/v1/namespaces/beta-prod/secrets/payments-tls");
        }
    }

    @Test
    void nineDenialsAreBelowTheThresholdAndAWindowBoundarySplitsTheCount() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(paymentsDbReads(ALPHA_DEPLOYER, 9, FROM));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir.resolve("boundary"))) {
            // 8 before 10:00 and 8 after: tumbling windows count each hour on its own.
            run.send(paymentsDbReads(ALPHA_DEPLOYER, 16, Instant.parse("2024-05-14T09:44:00Z")));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void platformIdentitiesRetryingThroughRbacPropagationAndNodeAuthorizationStayQuiet() {
        List<NormalizedEvent> events = new ArrayList<>();
        // The node authorizer refuses a kubelet a Secret until the pod using it is bound to the node.
        events.addAll(
                denied(Identities.NODE, 30, FROM, 60, b -> b.get("secrets", "alpha-prod", "registry-credentials")));
        // Platform tools in their own namespaces, retrying before their RoleBindings exist.
        events.addAll(denied(
                ControlPlaneEvents.CERT_MANAGER_CAINJECTOR,
                30,
                FROM,
                60,
                b -> b.get("secrets", "cert-manager", "cert-manager-webhook-ca")));
        events.addAll(denied(
                ControlPlaneEvents.FLUX_KUSTOMIZE, 30, FROM, 60, b -> b.patch("deployments", "alpha-prod", "web")));
        events.addAll(denied(Identities.PROMETHEUS, 30, FROM, 60, b -> b.nonResource("get", "/metrics")));
        events.addAll(denied(
                RbacEvents.KUBE_CONTROLLER_MANAGER,
                30,
                FROM,
                60,
                b -> b.get("configmaps", "kube-system", "extension-apiserver-authentication")));
        events.sort((a, b) -> a.time().compareTo(b.time()));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void collectionsPolledByDashboardsStayQuietUnlessCountCollectionReadsIsOn() {
        // k9s or Lens of an alpha developer, refreshing the node and namespace lists it may not read.
        List<NormalizedEvent> polls = new ArrayList<>(denied(ALICE, 40, FROM, 60, b -> b.list("nodes", null)));
        polls.addAll(denied(ALICE, 40, FROM.plusSeconds(1), 60, b -> b.watch("namespaces", null)));
        polls.sort((a, b) -> a.time().compareTo(b.time()));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(polls);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
        try (TopologyRun run = TopologyRun.configured(
                "detectors:\n  repeated-denied-access: {countCollectionReads: true}\n", stateDir.resolve("on"))) {
            run.send(polls);
            assertThat(TopologyRun.of(ID, run.flush()))
                    .extracting(a -> a.evidence().details().get(0))
                    .containsExactlyInAnyOrder("denied target: /api/v1/nodes", "denied target: /api/v1/namespaces");
        }
    }

    @Test
    void allowedAndFailedRequestsDoNotCount() {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Instant t = FROM.plusSeconds(120L * i);
            events.add(AuditEvents.by(ALICE)
                    .get("secrets", "alpha-prod", "settings")
                    .at(t)
                    .normalized());
            events.add(AuditEvents.by(ALICE)
                    .get("secrets", "alpha-prod", "missing")
                    .code(404)
                    .at(t.plusSeconds(1))
                    .normalized());
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void thresholdAndWindowAreTunedInDetectorsYamlAndAnExceptionStopsTheCount() {
        String yaml = """
                detectors:
                  repeated-denied-access: {minDenials: 3, window: 10m, grace: 1m, severity: medium}
                """;
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            run.send(paymentsDbReads(ALPHA_DEPLOYER, 3, FROM));
            List<Alert> alerts = TopologyRun.of(ID, run.send(ForbiddenBurstTest.elsewhere("2024-05-14T09:11:01Z")));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).severity()).isEqualTo(Severity.MEDIUM);
            assertThat(alerts.get(0).summary()).endsWith("within 10m");
            assertThat(alerts.get(0).time()).isEqualTo(Instant.parse("2024-05-14T09:10:00Z"));
        }
        String silenced = """
                exceptions:
                  - detector: repeated-denied-access
                    actor: "system:serviceaccount:alpha:*"
                    reason: alpha's deployer checks a Secret it may not read
                """;
        try (TopologyRun run = TopologyRun.configured(silenced, stateDir.resolve("silenced"))) {
            run.send(paymentsDbReads(ALPHA_DEPLOYER, 20, FROM));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
            assertThat(run.exceptionsApplied(ID)).isEqualTo(20);
        }
    }
}
