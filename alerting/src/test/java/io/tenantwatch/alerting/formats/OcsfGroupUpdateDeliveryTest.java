package io.tenantwatch.alerting.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.AlertPipeline;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.alerting.testing.PipelineKafka;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIEM receives for a repeated finding, through the whole pipeline (a real broker, the
 * suppressor, a signed webhook in OCSF to a real HTTP receiver): one finding, created by the
 * first occurrence and updated once at the end of the window, both conformant.
 */
@ExtendWith(TestBroker.class)
class OcsfGroupUpdateDeliveryTest {

    private static final String KEY = "siem-hmac-key-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theSiemSeesOneFindingCreatedThenUpdated() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        String group = "ocsf-" + System.nanoTime();
        OcsfConformance conformance = OcsfConformance.detectionFinding(OcsfSchema.load());
        Alert original = RealisticAlerts.of("cross-tenant-exec");
        List<Alert> occurrences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            occurrences.add(RealisticAlerts.occurrence(original, original.time().plusSeconds(30L * i), "exec-" + i));
        }
        try (Receiver siem = Receiver.verifying(KEY)) {
            Routes routes = new RoutesLoader(Map.of("SIEM_KEY", KEY)::get)
                    .parse("routes.yaml", """
                            suppression: {window: 3s}
                            sinks:
                              siem: {type: webhook, url: "%s", secretEnv: SIEM_KEY, format: ocsf}
                            routes: [{sinks: [siem]}]
                            """.formatted(siem.url("/siem")), dir);
            PipelineKafka.produce(topics, occurrences);
            try (AlertPipeline pipeline = AlertPipeline.start(
                    AlertPipeline.Config.of(TestBroker.bootstrapServers(), topics, routes, new SimpleMeterRegistry())
                            .withGroupId(group))) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> siem.accepted().size() >= 2);
                await().atMost(Duration.ofSeconds(60)).until(() -> PipelineKafka.committed(group, topics.alerts())
                        .equals(PipelineKafka.endOffsets(topics.alerts(), 3)));
            }
            List<JsonNode> findings = new ArrayList<>();
            for (String body : siem.accepted()) {
                findings.add(Json.mapper().readTree(body));
            }
            assertThat(findings).hasSize(2);
            JsonNode created = findings.get(0);
            JsonNode updated = findings.get(1);
            assertThat(conformance.problems(created)).isEmpty();
            assertThat(conformance.problems(updated)).isEmpty();
            assertThat(created.get("activity_name").asText()).isEqualTo("Create");
            assertThat(created.at("/metadata/uid").asText())
                    .isEqualTo(occurrences.get(0).id());
            assertThat(updated.get("activity_name").asText()).isEqualTo("Update");
            assertThat(updated.get("type_uid").asLong()).isEqualTo(200402);
            assertThat(updated.at("/finding_info/uid")).isEqualTo(created.at("/finding_info/uid"));
            assertThat(updated.get("count").asInt()).isEqualTo(4);
            assertThat(updated.get("start_time").asLong())
                    .isEqualTo(occurrences.get(0).time().toEpochMilli());
            assertThat(updated.get("end_time").asLong())
                    .isEqualTo(occurrences.get(3).time().toEpochMilli());
        }
    }
}
