package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.alerting.testing.TestAlerts;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackSinkTest {

    @Test
    void postsABlockKitMessageAPersonReadsAtAGlance() throws Exception {
        try (Receiver slack = Receiver.plain()) {
            Alert a = alert("alpha", "alpha-web", Severity.CRITICAL, 7);
            SinkTesting.build(new SinkConfig.Slack(
                            "alpha-slack", new Secret(slack.url("/services/T0/B0/xyz")), HttpSettings.NONE))
                    .send(a);

            JsonNode m = Json.mapper().readTree(slack.accepted().get(0));
            assertThat(m.get("text").asText()).isEqualTo("[CRITICAL] Exec or attach into a pod: " + a.summary());
            JsonNode blocks = m.get("blocks");
            assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
            assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
            assertThat(blocks.get(0).at("/text/text").asText())
                    .isEqualTo(":red_circle: Critical: Exec or attach into a pod");
            assertThat(blocks.get(1).at("/text/text").asText()).isEqualTo(a.summary());
            List<String> fields = new ArrayList<>();
            blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
            assertThat(fields)
                    .contains(
                            "*Tenant*\nalpha",
                            "*Namespace*\nalpha-web",
                            "*Cluster*\naks-prod",
                            "*Actor*\nmallory@contoso.com (tenant-member user)",
                            "*Resource*\npods/exec alpha-web/api-7 (create)",
                            "*Source IP*\n10.0.0.7");
            assertThat(fields.size()).isLessThanOrEqualTo(10);
            assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
            assertThat(blocks.get(3).at("/elements/0/text").asText())
                    .contains("`pod-exec`", "Execution / T1609", "alert id `" + a.id() + "`");
            assertThat(slack.requests().get(0).path()).isEqualTo("/services/T0/B0/xyz");
        }
    }

    @Test
    void groupedUpdatesSayHowOftenAndMarkupIsEscaped() throws Exception {
        try (Receiver slack = Receiver.plain()) {
            Alert base = TestAlerts.alert(
                    "pod-exec", "alpha", "alpha-web", Severity.LOW, "<!channel> & co", TestAlerts.T0, "a1");
            Alert grouped = new Alert(
                    base.schemaVersion(),
                    base.id(),
                    base.fingerprint(),
                    base.detector(),
                    base.severity(),
                    base.title(),
                    base.summary(),
                    base.time(),
                    TestAlerts.T0,
                    TestAlerts.T0.plusSeconds(300),
                    base.cluster(),
                    base.tenant(),
                    base.actorTenants(),
                    base.namespace(),
                    base.actor(),
                    base.verb(),
                    base.resource(),
                    base.source(),
                    new Alert.Evidence(
                            base.evidence().auditIds(), 12, List.of(), null, null, null, null, List.of(), List.of()),
                    base.mitre());
            SinkTesting.build(new SinkConfig.Slack("s", new Secret(slack.url("/x")), HttpSettings.NONE))
                    .send(grouped);
            String body = slack.accepted().get(0);
            JsonNode m = Json.mapper().readTree(body);
            assertThat(m.at("/blocks/1/text/text").asText())
                    .contains("&lt;!channel&gt; &amp; co")
                    .doesNotContain("<!channel>");
            List<String> fields = new ArrayList<>();
            m.at("/blocks/2/fields").forEach(f -> fields.add(f.get("text").asText()));
            assertThat(fields).contains("*Seen*\n12 times from 2026-03-01T10:00:00Z to 2026-03-01T10:05:00Z");
        }
    }
}
