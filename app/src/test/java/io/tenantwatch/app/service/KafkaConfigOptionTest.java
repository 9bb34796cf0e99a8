package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka client properties file is an operator file like the others: every problem at once, no value shown. */
class KafkaConfigOptionTest {

    @TempDir
    Path dir;

    @Test
    void keysSetTwiceAndKeysNotTakenAreEachOneLineAndNoValueIsShown() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password="hunter2-secret";
                ssl.truststore.location=/etc/kafka/truststore.jks
                ssl.truststore.location=/etc/kafka/other.jks
                bootstrap.servers=kafka:9093
                acks=0
                """);

        CommandRun run = CommandRun.of(
                "run",
                "--components",
                "detect",
                "--bootstrap-servers",
                "kafka:9093",
                "--kafka-config",
                file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        String where = "--kafka-config " + file;
        assertThat(run.errLines())
                .anyMatch(l -> l.contains(where + ": ssl.truststore.location: set more than once"))
                .anyMatch(l -> l.contains(where
                        + ": bootstrap.servers: not a connection setting tenantwatch takes (give --bootstrap-servers)"))
                .anyMatch(l -> l.contains(where + ": acks: not a connection setting"));
        assertThat(run.err()).doesNotContain("hunter2-secret").doesNotContain("other.jks");
    }

    @Test
    void aGoodFileGivesTheConnectionItsSettings() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.type=PEM\n");
        KafkaConfigOption option = new KafkaConfigOption();
        option.file = file;

        assertThat(option.connection("kafka:9093").settings())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.type", "PEM");
    }
}
