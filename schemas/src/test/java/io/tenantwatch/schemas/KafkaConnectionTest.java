package io.tenantwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings every Kafka client of tenantwatch is opened with, for a cluster that needs TLS or SASL. */
class KafkaConnectionTest {

    static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"tw\" password=\"s3cr3t-value\";";

    @Test
    void securitySettingsAreLaidOverEveryClientsOwn() {
        Properties file = new Properties();
        file.setProperty("security.protocol", "SASL_SSL");
        file.setProperty("sasl.mechanism", "PLAIN");
        file.setProperty("sasl.jaas.config", JAAS);
        file.setProperty("ssl.truststore.location", "/etc/kafka/ca.p12");
        KafkaConnection kafka = KafkaConnection.of("kafka-0.kafka:9093", file);

        Properties producer = new Properties();
        producer.put("acks", "all");
        kafka.applyTo(producer);

        assertThat(producer)
                .containsEntry("bootstrap.servers", "kafka-0.kafka:9093")
                .containsEntry("acks", "all")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(kafka.settings()).doesNotContainKey("bootstrap.servers").hasSize(4);
        assertThat(kafka.toString())
                .as("keys, never values")
                .contains("sasl.jaas.config")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void whatTenantwatchDecidesItselfIsRefusedByName() {
        for (String key :
                new String[] {"group.id", "transactional.id", "enable.idempotence", "isolation.level", "acks"}) {
            assertThatThrownBy(() -> new KafkaConnection("kafka:9092", Map.of(key, "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("'" + key + "' is not a connection setting");
        }
        assertThatThrownBy(() -> new KafkaConnection("kafka:9092", Map.of("bootstrap.servers", "other:9092")))
                .hasMessageContaining("give --bootstrap-servers");
        assertThatThrownBy(() -> new KafkaConnection("kafka:9092", Map.of("sasl.jaas.config", JAAS, "group.id", "g")))
                .as("a message names keys only")
                .hasMessageNotContaining("s3cr3t-value");
    }
}
