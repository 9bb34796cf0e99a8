package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a container to the control plane: Falco sees /etc/shadow read in beta's payments pod, and
 * twelve seconds later the pod's service-account token lists the namespace's Secrets.
 */
class RuntimeThenApiTest {

    private static final String ID = "runtime-then-api";
    private static final String POD = "payments-api-6c9f7d8b4-k2x7q";
    private static final Actor PAYMENTS_POD = RbacEvents.podServiceAccount("beta-prod", "payments-api", POD);
    private static final Actor OTHER_POD =
            RbacEvents.podServiceAccount("beta-prod", "payments-api", "payments-api-6c9f7d8b4-zz9wq");

    @TempDir
    Path stateDir;

    private static NormalizedEvent shadowRead() {
        return FalcoEvents.sensitiveFileRead("beta-prod", POD).normalized();
    }

    private static Instant falcoTime() {
        return FalcoEvents.T0;
    }

    private static NormalizedEvent listSecrets(Actor actor, long secondsAfter) {
        return AuditEvents.by(actor)
                .list("secrets", "beta-prod")
                .at(falcoTime().plusMillis(secondsAfter * 1000))
                .normalized();
    }

    @Test
    void aWarningInAPodThenItsTokenAtTheApiIsOneAlert() {
        NormalizedEvent falco = shadowRead();
        NormalizedEvent request = listSecrets(PAYMENTS_POD, 12);
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(falco))).isEmpty();
            List<Alert> alerts = TopologyRun.of(ID, run.send(request));

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.id())
                    .isEqualTo(AlertKeys.eventAlertId(ID, TenancyFixtures.CLUSTER, falco.id(), falco.time()));
            assertThat(alert.actor().username()).isEqualTo("system:serviceaccount:beta-prod:payments-api");
            assertThat(alert.actor().podName()).isEqualTo(POD);
            assertThat(alert.tenant()).isEqualTo("beta");
            assertThat(alert.namespace()).isEqualTo("beta-prod");
            assertThat(alert.verb()).isEqualTo("list");
            assertThat(alert.source()).isEqualTo("k8s-audit");
            assertThat(alert.evidence().falcoRule()).isEqualTo("Read sensitive file untrusted");
            assertThat(alert.evidence().falcoUuid()).isEqualTo(falco.id());
            assertThat(alert.evidence().auditIds()).containsExactly(request.auditId());
            assertThat(alert.firstSeen()).isEqualTo(falcoTime());
            assertThat(alert.lastSeen()).isEqualTo(request.time()).isEqualTo(alert.time());
            assertThat(alert.summary())
                    .isEqualTo("system:serviceaccount:beta-prod:payments-api (tenant beta) listed secrets "
                            + "with the token of pod beta-prod/" + POD
                            + ", 12s after Falco's \"Read sensitive file untrusted\" (Warning) in that pod");

            assertThat(TopologyRun.of(ID, run.send(listSecrets(PAYMENTS_POD, 20), listSecrets(PAYMENTS_POD, 40))))
                    .as("one alert per Falco alert")
                    .isEmpty();
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void theRequestMustComeFromThatPodAfterTheAlertAndWithinAMinute() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    listSecrets(PAYMENTS_POD, -5),
                    shadowRead(),
                    listSecrets(OTHER_POD, 10),
                    listSecrets(PAYMENTS_POD, 61),
                    AuditEvents.by(ALICE)
                            .list("secrets", "beta-prod")
                            .at(falcoTime().plusSeconds(3))
                            .normalized());
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void aNoticeIsNotEnough() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(FalcoEvents.terminalShell("beta-prod", POD).normalized(), listSecrets(PAYMENTS_POD, 5));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void theAuditLogArrivingBeforeFalcoIsJoinedAllTheSame() {
        NormalizedEvent request = listSecrets(PAYMENTS_POD, 12);
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(listSecrets(PAYMENTS_POD, 30), request)))
                    .isEmpty();
            List<Alert> alerts = TopologyRun.of(ID, run.send(shadowRead()));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).evidence().auditIds())
                    .as("the first request after the alert")
                    .containsExactly(request.auditId());
        }
    }

    @Test
    void aRequestLaterThanTheGraceIsCountedAsLate() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(shadowRead());
            run.send(AuditEvents.by(ALICE)
                    .get("configmaps", "alpha-prod", "settings")
                    .at(falcoTime().plusSeconds(400))
                    .normalized());
            assertThat(TopologyRun.of(ID, run.send(listSecrets(PAYMENTS_POD, 12))))
                    .isEmpty();
            assertThat(run.late(ID)).isEqualTo(1);
        }
    }

    @Test
    void onRocksDbAsTheServiceRunsItEitherOrderPairsOnceAndTwoPodsStayApart() {
        NormalizedEvent request = listSecrets(PAYMENTS_POD, 12);
        NormalizedEvent otherFalco = FalcoEvents.sensitiveFileRead("beta-prod", "payments-api-6c9f7d8b4-zz9wq")
                .normalized();
        try (TopologyRun run = TopologyRun.persistent(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(listSecrets(PAYMENTS_POD, 30), request, otherFalco)))
                    .isEmpty();
            List<Alert> waited = TopologyRun.of(ID, run.send(shadowRead()));
            assertThat(waited)
                    .extracting(a -> a.evidence().auditIds())
                    .as("the earliest waiting request of that pod")
                    .containsExactly(List.of(request.auditId()));

            List<Alert> after = TopologyRun.of(ID, run.send(listSecrets(OTHER_POD, 40)));
            assertThat(after)
                    .extracting(a -> a.actor().podName())
                    .as("the other pod's alert, paired with the other pod's request")
                    .containsExactly("payments-api-6c9f7d8b4-zz9wq");
            assertThat(TopologyRun.of(ID, run.send(listSecrets(PAYMENTS_POD, 45), listSecrets(OTHER_POD, 50))))
                    .as("one alert per Falco alert")
                    .isEmpty();
        }
    }

    @Test
    void aTokenInTheRequestUriOfAnEventThatSkippedIngestIsRedactedInTheAlert() {
        // Ingest redacts request URIs; an event that reached detection some other way carries its
        // credential into the observation, and the alert built from it must not.
        NormalizedEvent r = listSecrets(PAYMENTS_POD, 12);
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";
        NormalizedEvent withToken = new NormalizedEvent(
                r.id(),
                r.source(),
                r.cluster(),
                r.clusterResourceId(),
                r.time(),
                r.auditId(),
                r.stage(),
                r.actor(),
                r.verb(),
                r.resource(),
                "/api/v1/namespaces/beta-prod/secrets?access_token=" + jwt,
                r.decision(),
                r.code(),
                r.sourceIPs(),
                r.userAgent(),
                r.annotations(),
                r.facts(),
                r.falco(),
                r.targetTenant(),
                r.actorTenants(),
                r.tenancySource());
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(shadowRead());
            List<Alert> alerts = TopologyRun.of(ID, run.send(withToken));

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).evidence().requestURI())
                    .startsWith("/api/v1/namespaces/beta-prod/secrets?")
                    .doesNotContain(jwt);
        }
    }
}
