package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.testkit.kafka.SingleNodeKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external cluster that only speaks SASL: with {@code --kafka-config}'s settings every client
 * of the service (admin, receivers' producer, Streams, the alert consumer) gets through, and an
 * event posted to the receivers comes out as an alert. A plaintext client does not get in, so the
 * settings are what makes it work.
 */
class ServiceOnSaslClusterTest {

    /** The test kit's SASL/PLAIN super user. */
    static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"plain-admin\" password=\"plain-admin-secret\";";

    @TempDir
    Path dir;

    @Test
    void everyClientOfTheServiceConnectsWithTheGivenSettings() throws Exception {
        try (KafkaClusterTestKit cluster = SingleNodeKafka.start(SecurityProtocol.SASL_PLAINTEXT)) {
            String bootstrap = cluster.bootstrapServers();

            Properties plaintext = new Properties();
            plaintext.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            Admin admin = Admin.create(plaintext);
            try {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS))
                        .as("a client without the settings")
                        .isNotNull();
            } finally {
                admin.close(Duration.ZERO);
            }

            Map<String, String> settings =
                    Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS);
            List<Alert> alerts = new CopyOnWriteArrayList<>();
            ServiceConfig options = ServiceTest.config(dir)
                    .kafka(new KafkaConnection(bootstrap, settings))
                    .build();
            try (TenantWatchService service = new TenantWatchService(options).start(alerts::add)) {
                await().atMost(Duration.ofSeconds(90)).until(service::ready);

                assertThat(ServiceTest.post(
                                        service.receiverPort(),
                                        "/v1/audit/aks-sasl",
                                        ServiceTest.TOKEN,
                                        ServiceTest.eventList("exec_pod.json"))
                                .statusCode())
                        .isEqualTo(200);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alerts)
                        .filteredOn(a -> "aks-sasl".equals(a.cluster()))
                        .extracting(Alert::detector)
                        .contains("pod-exec"));
            }
        }
    }

    @Test
    void theFileTakesConnectionSettingsOnlyAndNeedsAnExternalCluster() throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\nsasl.jaas.config=" + JAAS.replace("plain-admin-secret", "hunter2") + "\n"
                        + "group.id=stolen\n");

        CommandRun owned = CommandRun.of(
                "run",
                "--components",
                "detect",
                "--bootstrap-servers",
                "kafka:9093",
                "--kafka-config",
                file.toString());
        assertThat(owned.exitCode()).isEqualTo(2);
        assertThat(owned.errLines())
                .singleElement()
                .asString()
                .startsWith("tenantwatch run: --kafka-config " + file + ": group.id: not a connection setting")
                .doesNotContain("hunter2");

        CommandRun embedded = CommandRun.of("run", "--components", "detect", "--kafka-config", file.toString());
        assertThat(embedded.exitCode()).isEqualTo(2);
        assertThat(embedded.errLines()).singleElement().asString().contains("need --bootstrap-servers");
    }
}
