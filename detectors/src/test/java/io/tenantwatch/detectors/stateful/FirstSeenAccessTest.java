package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.ERIN;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three weeks of a shared cluster: who normally writes where, learned first, and the changes raised after. */
class FirstSeenAccessTest {

    private static final String ID = "first-seen-access";
    private static final Instant DAY_0 = Instant.parse("2024-05-01T09:00:00Z");

    @TempDir
    Path stateDir;

    private static Instant day(int day, int hour) {
        return DAY_0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
    }

    private static NormalizedEvent deploy(Actor actor, String namespace, Instant at) {
        return AuditEvents.by(actor)
                .patch("deployments", namespace, "web")
                .podSpec(PodSpecs.unprivileged(null))
                .at(at)
                .normalized();
    }

    @Test
    void theLearningPeriodIsSilentAndWhatItLearnedIsNotNew() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(
                            ID,
                            run.send(
                                    deploy(ALICE, "alpha-prod", day(0, 0)),
                                    deploy(ALICE, "beta-prod", day(1, 0)),
                                    AuditEvents.by(BOB)
                                            .get("secrets", "beta-prod", "payments-db")
                                            .at(day(6, 23))
                                            .normalized())))
                    .as("within 7 days of the first access")
                    .isEmpty();

            // Day 8: learning is over. Alice wrote into beta on day 1, which was learned; her secret read is not new.
            assertThat(TopologyRun.of(
                            ID,
                            run.send(AuditEvents.by(ALICE)
                                    .get("secrets", "beta-prod", "payments-db")
                                    .at(day(8, 0))
                                    .normalized())))
                    .isEmpty();

            List<Alert> erin = TopologyRun.of(
                    ID,
                    run.send(AuditEvents.by(ERIN)
                            .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                            .at(day(8, 1))
                            .normalized()));
            assertThat(erin).hasSize(1);
            Alert alert = erin.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.LOW);
            assertThat(alert.tenant()).isEqualTo("alpha");
            assertThat(alert.fingerprint())
                    .isEqualTo(AlertKeys.hash(
                            ID, TenancyFixtures.CLUSTER, "alpha", ERIN.username(), null, null, null, null));
            assertThat(alert.summary())
                    .isEqualTo(
                            "erin@contoso.com (tenants alpha, beta) exec'd into pods/web-7d4b9c8f5-x2x9q "
                                    + "in namespace alpha-prod of tenant alpha: its first write, exec or secret access in tenant alpha in 14d");
            assertThat(alert.evidence().details())
                    .startsWith("no access of this identity to tenant alpha in the last 14d");

            // The same pair again an hour later is no longer new.
            assertThat(TopologyRun.of(
                            ID,
                            run.send(AuditEvents.by(ERIN)
                                    .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                                    .at(day(8, 2))
                                    .normalized())))
                    .isEmpty();
        }
    }

    @Test
    void anIdentityBackAfterFourteenIdleDaysIsFirstSeenAgain() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(deploy(ALICE, "alpha-prod", day(0, 0)), deploy(ALICE, "alpha-prod", day(8, 0)));
            assertThat(TopologyRun.of(ID, run.send(deploy(ALICE, "alpha-prod", day(21, 0)))))
                    .as("13 days idle")
                    .isEmpty();

            List<Alert> back = TopologyRun.of(ID, run.send(deploy(ALICE, "alpha-staging", day(35, 1))));

            assertThat(back).hasSize(1);
            // The day-21 entry was dropped when stream time passed its 14 days: state stays bounded.
            assertThat(back.get(0).evidence().details())
                    .startsWith("no access of this identity to tenant alpha in the last 14d");
        }
    }

    @Test
    void platformIdentitiesAndPlainReadsAreNotAccessesThatCount() {
        Actor stranger = Identities.user("mallory@fabrikam.com", "0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f");
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(deploy(ALICE, "alpha-prod", day(0, 0)));
            assertThat(TopologyRun.of(
                            ID,
                            run.send(
                                    deploy(PLATFORM_GITOPS, "beta-prod", day(9, 0)),
                                    AuditEvents.by(stranger)
                                            .get("configmaps", "beta-prod", "settings")
                                            .at(day(9, 1))
                                            .normalized(),
                                    AuditEvents.by(stranger)
                                            .list("pods", "beta-prod")
                                            .at(day(9, 2))
                                            .normalized(),
                                    AuditEvents.by(stranger)
                                            .patch("deployments", "beta-prod", "web")
                                            .code(404)
                                            .at(day(9, 3))
                                            .normalized(),
                                    deploy(stranger, "kube-system", day(9, 4)))))
                    .isEmpty();

            assertThat(TopologyRun.of(
                            ID,
                            run.send(AuditEvents.by(stranger)
                                    .list("secrets", "beta-prod")
                                    .at(day(9, 5))
                                    .normalized())))
                    .extracting(Alert::tenant)
                    .containsExactly("beta");
        }
    }

    @Test
    void aColdStartDoesNotFlood() {
        List<NormalizedEvent> firstDay = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Actor developer = Identities.user(
                    "dev" + i + "@contoso.com",
                    "00000000-0000-4000-8000-" + String.format("%012d", i),
                    i % 2 == 0 ? TenancyFixtures.ALPHA_DEVELOPERS : TenancyFixtures.BETA_DEVELOPERS);
            firstDay.add(deploy(developer, i % 2 == 0 ? "alpha-prod" : "beta-prod", DAY_0.plusSeconds(60L * i)));
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(firstDay))).isEmpty();
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void retentionAndLearningPeriodAreTunedInDetectorsYaml() {
        String yaml = """
                detectors:
                  first-seen-access: {learningPeriod: 0s, retention: 1d}
                """;
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            assertThat(TopologyRun.of(ID, run.send(deploy(BOB, "beta-prod", day(0, 0)))))
                    .hasSize(1);
            assertThat(TopologyRun.of(ID, run.send(deploy(BOB, "beta-prod", day(0, 20)))))
                    .isEmpty();
            assertThat(TopologyRun.of(ID, run.send(deploy(BOB, "beta-prod", day(2, 0)))))
                    .hasSize(1);
        }
    }
}
