package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.process.AlertmanagerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Alertmanager: what tenantwatch sends is what Alertmanager holds and shows. */
class AlertmanagerSinkTest {

    @TempDir
    Path dir;

    @Test
    void alertsArriveWithTheirLabelsAndAnnotationsAndAreReadBackThroughTheApi() throws Exception {
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir)) {
            Sink sink = SinkTesting.build(new SinkConfig.Alertmanager(
                    "am",
                    new Secret(am.url() + "/"),
                    HttpSettings.NONE,
                    new AlertmanagerPayload.Options(
                            Duration.ofHours(1),
                            "https://wiki.example.com/soc/{detector}",
                            null,
                            AlertmanagerPayload.DEFAULT_SEVERITIES)));
            Alert alpha = alert("alpha", "alpha-web", Severity.CRITICAL, 1);
            Alert beta = alert("beta", "beta-api", Severity.MEDIUM, 2);
            Alert unmapped = alert(null, null, Severity.LOW, 3);
            sink.send(alpha);
            sink.send(beta);
            sink.send(unmapped);

            await().atMost(Duration.ofSeconds(20)).until(() -> am.alerts(null).size() == 3);
            JsonNode forAlpha = am.alerts("tenant=\"alpha\"");
            assertThat(forAlpha).hasSize(1);
            JsonNode a = forAlpha.get(0);
            JsonNode labels = a.get("labels");
            assertThat(labels.get("alertname").asText()).isEqualTo("pod-exec");
            assertThat(labels.get("detector").asText()).isEqualTo("pod-exec");
            assertThat(labels.get("severity").asText()).isEqualTo("critical");
            assertThat(labels.get("tw_severity").asText()).isEqualTo("critical");
            assertThat(labels.get("tenant").asText()).isEqualTo("alpha");
            assertThat(labels.get("namespace").asText()).isEqualTo("alpha-web");
            assertThat(labels.get("cluster").asText()).isEqualTo("aks-prod");
            assertThat(labels.get("tw_fingerprint").asText()).isEqualTo(alpha.fingerprint());
            JsonNode annotations = a.get("annotations");
            assertThat(annotations.get("summary").asText()).isEqualTo(alpha.summary());
            assertThat(annotations.get("description").asText())
                    .contains(
                            "Actor: mallory@contoso.com", "MITRE ATT&CK: Execution / T1609", "Alert id: " + alpha.id());
            assertThat(annotations.get("runbook_url").asText()).isEqualTo("https://wiki.example.com/soc/pod-exec");
            assertThat(annotations.get("tw_alert_id").asText()).isEqualTo(alpha.id());
            assertThat(Instant.parse(a.get("startsAt").asText())).isEqualTo(alpha.time());
            assertThat(Instant.parse(a.get("endsAt").asText()))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
            // No generatorUrl configured: no link (Alertmanager shows none rather than a dead one).
            assertThat(a.path("generatorURL").asText()).isEmpty();
            assertThat(a.at("/status/state").asText()).isEqualTo("active");

            // No tenant: the label is left out rather than sent empty.
            JsonNode all = am.alerts(null);
            JsonNode noTenant = null;
            for (JsonNode n : all) {
                if (n.at("/labels/tw_fingerprint").asText().equals(unmapped.fingerprint())) {
                    noTenant = n;
                }
            }
            assertThat(noTenant).isNotNull();
            assertThat(noTenant.get("labels").has("tenant")).isFalse();

            // The same finding again (a grouped update) refreshes the alert Alertmanager holds.
            sink.send(alert(
                    "pod-exec",
                    "alpha",
                    "alpha-web",
                    Severity.CRITICAL,
                    "api-1",
                    alpha.time().plusSeconds(60),
                    "audit-again"));
            await().atMost(Duration.ofSeconds(20)).until(() -> am.alerts("tenant=\"alpha\"")
                    .get(0)
                    .at("/annotations/tw_alert_id")
                    .asText()
                    .equals(alert(
                                    "pod-exec",
                                    "alpha",
                                    "alpha-web",
                                    Severity.CRITICAL,
                                    "api-1",
                                    alpha.time(),
                                    "audit-again")
                            .id()));
            assertThat(am.alerts("tenant=\"alpha\"")).hasSize(1);
        }
    }

    @Test
    void anAlertAlertmanagerRefusesIsRejectedNotRetried() throws Exception {
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir)) {
            Sink sink = SinkTesting.build(new SinkConfig.Alertmanager(
                    "am", new Secret(am.url()), HttpSettings.NONE, AlertmanagerPayload.Options.defaults()));
            Alert a = alert("alpha", "alpha-web", Severity.HIGH, 9);
            // startsAt (firstSeen) after endsAt: Alertmanager answers 400 "start time must be before end time".
            Alert bad = new Alert(
                    a.schemaVersion(),
                    a.id(),
                    a.fingerprint(),
                    a.detector(),
                    a.severity(),
                    a.title(),
                    a.summary(),
                    a.time(),
                    Instant.parse("2100-01-01T00:00:00Z"),
                    a.time(),
                    a.cluster(),
                    a.tenant(),
                    a.actorTenants(),
                    a.namespace(),
                    a.actor(),
                    a.verb(),
                    a.resource(),
                    a.source(),
                    a.evidence(),
                    a.mitre());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.send(bad))
                    .isInstanceOfSatisfying(SinkException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).isEqualTo("HTTP 400");
                    });
            sink.send(a);
            await().atMost(Duration.ofSeconds(20)).until(() -> am.alerts(null).size() == 1);
        }
    }
}
