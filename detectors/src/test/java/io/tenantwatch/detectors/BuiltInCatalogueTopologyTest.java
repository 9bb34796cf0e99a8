package io.tenantwatch.detectors;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in catalogue in the production topology: unattributed events in on tw.normalized (as
 * ingest writes them), attributed by the real tenancy, alerts out on tw.alerts through the serde.
 */
class BuiltInCatalogueTopologyTest {

    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, NormalizedEvent> normalized;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        DetectionTopology topology = new DetectionTopology(
                TOPICS,
                TenancyFixtures.ATTRIBUTOR,
                DetectorRegistry.builtIn(),
                DetectionListener.NONE,
                Duration.ofMinutes(10));
        driver = new TopologyTestDriver(
                topology.build(),
                DetectionTopology.streamsConfig(
                        KafkaConnection.plain("unused:9092"), stateDir.toString(), Topics.defaults()));
        normalized = driver.createInputTopic(
                TOPICS.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                JsonSerde.alert().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(NormalizedEvent event) {
        normalized.pipeInput(event.partitionKey(), event, event.time());
    }

    @Test
    void aCrossTenantExecDeliveredTwiceIsOneCriticalAlert() {
        // kube-audit and kube-audit-admin in one hub deliver the same auditID twice
        NormalizedEvent exec = AuditEvents.by(ALICE)
                .exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "bash")
                .normalized();
        send(exec);
        send(exec);

        List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).hasSize(1);
        Alert alert = out.get(0).value;
        assertThat(out.get(0).key).isEqualTo(alert.fingerprint());
        assertThat(alert.detector()).isEqualTo("cross-tenant-exec");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(ContractSchemas.ALERT.problems(alert)).isEmpty();
    }

    @Test
    void aFalcoAlertInAPlatformNamespaceComesOutRaised() {
        send(FalcoEvents.terminalShell("kube-system", "konnectivity-agent-7f8c9d6b5-p2l4m")
                .normalized());

        Alert alert = alerts.readValue();
        assertThat(alert.detector()).isEqualTo("falco-runtime");
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alerts.isEmpty()).isTrue();
    }
}
