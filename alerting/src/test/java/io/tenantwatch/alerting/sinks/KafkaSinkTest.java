package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestBroker.class)
class KafkaSinkTest {

    @Test
    void writesOcsfFindingsKeyedByFingerprintWithTheIdInAHeader() throws Exception {
        String topic = "soc.findings." + System.nanoTime();
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 1);
        try (Sink sink = SinkTesting.build(
                new SinkConfig.Kafka("soc-bus", topic, null, AlertFormat.OCSF), TestBroker.bootstrapServers())) {
            sink.send(a);
        }
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(topic, r -> true);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> r = records.get(0);
        assertThat(r.key()).isEqualTo(a.fingerprint());
        assertThat(TopicRecords.header(r, "tw.alert.id")).isEqualTo(a.id());
        JsonNode f = Json.mapper().readTree(r.value());
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.at("/metadata/uid").asText()).isEqualTo(a.id());
    }
}
