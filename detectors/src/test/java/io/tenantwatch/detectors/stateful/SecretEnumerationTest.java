package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harvesting credentials one Secret at a time: reads of many distinct Secrets, or lists in many
 * namespaces, by one identity within ten minutes; and what Helm does every deploy, which is not.
 */
class SecretEnumerationTest {

    private static final String ID = "secret-enumeration";
    private static final Instant T = Instant.parse("2024-05-14T09:11:00Z");

    @TempDir
    Path stateDir;

    private static NormalizedEvent read(String namespace, String secret, int second) {
        return AuditEvents.by(BOB)
                .get("secrets", namespace, secret)
                .at(T.plusSeconds(second))
                .normalized();
    }

    private static NormalizedEvent list(String namespace, int second) {
        return AuditEvents.by(BOB)
                .list("secrets", namespace)
                .at(T.plusSeconds(second))
                .normalized();
    }

    @Test
    void readingFiveDistinctSecretsIsAnEnumeration() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    read("beta-prod", "payments-db", 0),
                    read("beta-prod", "payments-db", 5),
                    read("beta-prod", "payments-tls", 20),
                    read("beta-prod", "stripe-api-key", 40),
                    read("beta-staging", "payments-db", 60),
                    read("beta-staging", "acr-pull", 90));
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.evidence().count()).isEqualTo(6);
            assertThat(alert.summary()).isEqualTo("bob@contoso.com (tenant beta) read 5 distinct secrets within 10m");
            assertThat(alert.evidence().details())
                    .startsWith("secrets read: beta-prod/payments-db, beta-prod/payments-tls, "
                            + "beta-prod/stripe-api-key, beta-staging/payments-db, beta-staging/acr-pull");
            assertThat(alert.tenant()).as("both namespaces are beta's").isEqualTo("beta");
            assertThat(alert.namespace()).isNull();
            assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Credential Access", "T1552.007 Container API"));
        }
    }

    @Test
    void listingSecretsInThreeNamespacesIsAnEnumeration() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(list("beta-prod", 0), list("alpha-prod", 30), list("alpha-prod", 31), list("monitoring", 60));
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).summary())
                    .isEqualTo("bob@contoso.com (tenant beta) listed secrets in 3 namespaces within 10m");
            assertThat(alerts.get(0).evidence().details())
                    .startsWith("namespaces listed: beta-prod, alpha-prod, monitoring");
            assertThat(alerts.get(0).tenant()).isNull();
        }
    }

    @Test
    void rereadingTheSameSecretsIsNotAnEnumeration() {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(read("beta-prod", i % 2 == 0 ? "payments-db" : "payments-tls", 10 * i));
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            run.send(list("beta-prod", 400), list("beta-staging", 410));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void helmReleaseRecordsAndHelmsReleaseQueryDoNotCount() {
        // helm upgrade by alpha's CI in three namespaces: it lists its release records and reads the latest ones
        List<NormalizedEvent> events = new ArrayList<>();
        String[] namespaces = {"alpha", "alpha-prod", "alpha-staging"};
        for (int i = 0; i < namespaces.length; i++) {
            events.add(AuditEvents.by(CI_ALPHA_DEPLOYER)
                    .list("secrets", namespaces[i])
                    .query("labelSelector=name%3Dweb%2Cowner%3Dhelm")
                    .at(T.plusSeconds(60L * i))
                    .normalized());
            for (int v = 10; v < 13; v++) {
                events.add(AuditEvents.by(CI_ALPHA_DEPLOYER)
                        .get("secrets", namespaces[i], "sh.helm.release.v1.web.v" + v)
                        .at(T.plusSeconds(60L * i + v))
                        .normalized());
            }
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
        String countHelm = """
                detectors:
                  secret-enumeration: {ignoredSecrets: [], ignoreHelmReleaseQuery: false}
                """;
        try (TopologyRun run = TopologyRun.configured(countHelm, stateDir.resolve("counting"))) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).hasSize(1);
        }
    }

    @Test
    void aKubeletReadingTheSecretsItsPodsMountIsNotAnEnumeration() {
        // a node runs pods of several tenants; its kubelet fetches every Secret they mount
        List<NormalizedEvent> events = new ArrayList<>();
        String[] namespaces = {"alpha-prod", "beta-prod", "beta-staging"};
        for (int i = 0; i < 12; i++) {
            events.add(AuditEvents.by(NODE)
                    .get("secrets", namespaces[i % 3], "mounted-" + i)
                    .at(T.plusSeconds(i))
                    .normalized());
        }
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
        String countPlatform = """
                detectors:
                  secret-enumeration: {ignorePlatformActors: false}
                """;
        try (TopologyRun run = TopologyRun.configured(countPlatform, stateDir.resolve("counting"))) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).hasSize(1);
        }
    }

    @Test
    void deniedReadsAreTheBurstDetectorsNotThisOne() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            for (int i = 0; i < 8; i++) {
                run.send(AuditEvents.by(BOB)
                        .get("secrets", "alpha-prod", "secret-" + i)
                        .forbidden()
                        .at(T.plusSeconds(i))
                        .normalized());
            }
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }
}
