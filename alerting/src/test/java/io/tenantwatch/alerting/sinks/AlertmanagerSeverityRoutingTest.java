package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.process.AlertmanagerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager with the route tree most installations have (kube-prometheus's vocabulary:
 * {@code severity} is {@code critical}, {@code warning} or {@code info}), notifying webhook
 * receivers: each tenantwatch level reaches the receiver its mapped word routes to, with
 * tenantwatch's own level in {@code tw_severity}.
 */
class AlertmanagerSeverityRoutingTest {

    @TempDir
    Path dir;

    private static String config(Receiver notified) {
        return """
                route:
                  receiver: unmatched
                  group_by: ['...']
                  group_wait: 0s
                  routes:
                    - {matchers: ['severity=~"critical|warning|info"'], receiver: by-severity, continue: true}
                    - {matchers: ['severity="critical"'], receiver: critical}
                    - {matchers: ['severity="warning"'], receiver: warning}
                    - {matchers: ['severity="info"'], receiver: info}
                receivers:
                  - {name: unmatched, webhook_configs: [{url: "%1$s/unmatched"}]}
                  - {name: by-severity, webhook_configs: [{url: "%1$s/by-severity"}]}
                  - {name: critical, webhook_configs: [{url: "%1$s/critical"}]}
                  - {name: warning, webhook_configs: [{url: "%1$s/warning"}]}
                  - {name: info, webhook_configs: [{url: "%1$s/info"}]}
                """.formatted(notified.url(""));
    }

    /** Receiver path → tw_severity → how many notifications carried it. */
    private static Map<String, Map<String, Integer>> notifications(Receiver notified) throws Exception {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (Receiver.Request r : notified.requests()) {
            for (JsonNode a : Json.mapper().readTree(r.body()).get("alerts")) {
                out.computeIfAbsent(r.path(), k -> new HashMap<>())
                        .merge(a.at("/labels/tw_severity").asText(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static Map<Severity, Alert> oneAlertPerLevel() {
        Map<Severity, Alert> alerts = new EnumMap<>(Severity.class);
        int n = 0;
        for (Severity s : Severity.values()) {
            alerts.put(s, alert("alpha", "alpha-web", s, ++n));
        }
        return alerts;
    }

    @Test
    void eachLevelLandsWhereTheKubePrometheusVocabularyRoutesIt() throws Exception {
        try (Receiver notified = Receiver.plain();
                AlertmanagerProcess am = AlertmanagerProcess.start(dir, config(notified))) {
            Sink sink = SinkTesting.build(new SinkConfig.Alertmanager(
                    "am", new Secret(am.url()), HttpSettings.NONE, AlertmanagerPayload.Options.defaults()));
            for (Alert a : oneAlertPerLevel().values()) {
                sink.send(a);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> notifications(notified).getOrDefault("/by-severity", Map.of()).values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum()
                            == 5);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> notifications(notified).keySet().size() >= 4);
            Map<String, Map<String, Integer>> got = notifications(notified);
            assertThat(got.get("/by-severity")).containsOnlyKeys("critical", "high", "medium", "low", "info");
            assertThat(got.get("/critical")).containsOnlyKeys("critical");
            assertThat(got.get("/warning")).containsOnlyKeys("high", "medium");
            assertThat(got.get("/info")).containsOnlyKeys("low", "info");
            assertThat(got).doesNotContainKey("/unmatched");

            JsonNode held = am.alerts("tw_severity=\"high\"");
            assertThat(held).hasSize(1);
            assertThat(held.get(0).at("/labels/severity").asText()).isEqualTo("warning");
            assertThat(held.get(0).at("/generatorURL").asText()).isEmpty();
        }
    }

    @Test
    void aSinksSeverityMapOverridesTheDefaultLevelByLevel() throws Exception {
        try (Receiver notified = Receiver.plain();
                AlertmanagerProcess am = AlertmanagerProcess.start(dir, config(notified))) {
            Sink sink = SinkTesting.build(new SinkConfig.Alertmanager(
                    "am",
                    new Secret(am.url()),
                    HttpSettings.NONE,
                    new AlertmanagerPayload.Options(
                            Duration.ofHours(1),
                            null,
                            "https://soc.example.com/alerts/{id}?detector={detector}",
                            AlertmanagerPayload.Options.severities(Map.of(Severity.HIGH, "critical")))));
            Alert high = oneAlertPerLevel().get(Severity.HIGH);
            sink.send(high);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> notifications(notified).containsKey("/critical"));
            assertThat(notifications(notified).get("/critical")).containsOnlyKeys("high");
            assertThat(am.alerts(null).get(0).at("/generatorURL").asText())
                    .isEqualTo("https://soc.example.com/alerts/" + high.id() + "?detector=pod-exec");
        }
    }
}
