package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.ERIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.events.PodSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alert group F raises on one story, whole (id, fingerprint, title, severity, summary,
 * evidence and details), against {@code group-f-alerts.json}: what the alerts were before
 * observations got a type of their own, so that a change to how observations travel cannot change
 * an alert unnoticed. With {@code -Dgroup-f-alerts.write=PATH} the test writes what it got there
 * instead (for a deliberate change of an alert, reviewed in the diff).
 */
class GroupFAlertsTest {

    private static final String EXPECTED = "group-f-alerts.json";
    private static final Instant T = Instant.parse("2024-05-14T09:11:00Z");

    @TempDir
    Path stateDir;

    /** A token of beta's payments pod, as the API server reports it. */
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
                "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c",
                null);
    }

    /** Something of every group F detector, in event-time order. */
    private static List<NormalizedEvent> story() {
        List<NormalizedEvent> events = new ArrayList<>(ForbiddenBurstTest.probe(ALPHA_DEPLOYER, T));
        for (int i = 0; i < 5; i++) {
            events.add(AuditEvents.by(BOB)
                    .get("secrets", "beta-prod", "payments-" + i)
                    .sourceIp("203.0.113." + (10 + i))
                    .at(T.plusSeconds(20 + 7L * i))
                    .normalized());
        }
        events.add(AuditEvents.by(BOB)
                .list("secrets", "beta-staging")
                .at(T.plusSeconds(70))
                .normalized());
        events.add(RbacEvents.by(ALICE)
                .create("clusterrolebindings", null, "debug-access")
                .binding("ClusterRole", "cluster-admin", RbacEvents.user(ALICE.username()))
                .at(T.plusSeconds(200))
                .normalized());
        events.add(AuditEvents.by(ALICE)
                .create("pods", "alpha-prod", "debug")
                .podSpec(PodSpecs.privileged(null, "debug"))
                .at(T.plusSeconds(230))
                .normalized());
        events.add(AuditEvents.by(ERIN)
                .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                .at(T.plusSeconds(240))
                .normalized());
        String pod = "payments-api-6c9f7d8b4-k2x7q";
        events.add(FalcoEvents.sensitiveFileRead("beta-prod", pod).normalized());
        events.add(AuditEvents.by(RbacEvents.podServiceAccount("beta-prod", "payments-api", pod))
                .list("secrets", "beta-prod")
                .at(FalcoEvents.T0.plusSeconds(12))
                .normalized());
        events.add(AuditEvents.by(token(pod))
                .get("configmaps", "beta-prod", "payments-settings")
                .sourceIp("10.244.1.23")
                .at(T.plusSeconds(300))
                .normalized());
        events.add(AuditEvents.by(token("payments-api-6c9f7d8b4-zz9wq"))
                .get("configmaps", "beta-prod", "payments-settings")
                .sourceIp("10.244.2.17")
                .at(T.plusSeconds(310))
                .normalized());
        events.add(AuditEvents.by(token(pod))
                .list("secrets", "beta-prod")
                .sourceIp("198.51.100.7")
                .at(T.plusSeconds(320))
                .normalized());
        // Beta's developer asks for one of alpha's Secrets again and again; a guest no tenant knows is refused.
        for (int i = 0; i < 10; i++) {
            events.add(AuditEvents.by(BOB)
                    .get("secrets", "alpha-prod", "registry-credentials")
                    .forbidden()
                    .at(T.plusSeconds(400 + 60L * i))
                    .normalized());
        }
        events.add(AuditEvents.by(Identities.DAVE)
                .list("pods", "alpha-prod")
                .forbidden()
                .at(T.plusSeconds(420))
                .normalized());
        events.sort(Comparator.comparing(NormalizedEvent::time));
        return events;
    }

    @Test
    void groupFRaisesExactlyTheAlertsItRaisedBefore() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        try (TopologyRun run = TopologyRun.configured("""
                detectors:
                  first-seen-access: {learningPeriod: 1m, severity: medium}
                  token-reuse: {clusterRanges: ["10.244.0.0/16"]}
                """, stateDir)) {
            alerts.addAll(run.send(story()));
            alerts.addAll(run.flush());
        }
        List<Alert> groupF = alerts.stream()
                .filter(a -> StatefulDetectors.isObservation(a.detector()))
                .sorted(Comparator.comparing(Alert::detector).thenComparing(Alert::id))
                .toList();
        assertThat(groupF)
                .extracting(Alert::detector)
                .contains(
                        ForbiddenBurst.SPEC.id(),
                        RepeatedDeniedAccess.SPEC.id(),
                        DeniedByUnknownIdentity.SPEC.id(),
                        SecretEnumeration.SPEC.id(),
                        FirstSeenAccess.SPEC.id(),
                        RbacThenWorkload.SPEC.id(),
                        RuntimeThenApi.SPEC.id(),
                        TokenReuse.SPEC.id());
        ArrayNode actual = Json.mapper().valueToTree(groupF);

        String write = System.getProperty("group-f-alerts.write");
        if (write != null) {
            Files.writeString(
                    Path.of(write),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            return;
        }
        try (InputStream in = GroupFAlertsTest.class.getResourceAsStream(EXPECTED)) {
            assertThat(in).as(EXPECTED).isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).isEqualTo(Json.mapper().readTree(expected));
        }
    }
}
