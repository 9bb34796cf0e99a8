package io.tenantwatch.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.app.UsageException;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Topics TOPICS = Topics.defaults();
    private static final TopicSetup SETUP = new TopicSetup(TOPICS, 2, (short) 1);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void createsTopicsRunsTransactionsAndKeepsDataAcrossARestart() throws Exception {
        Path dataDir = tmp.resolve("kafka");
        String clusterId;
        try (EmbeddedKafka kafka = broker(dataDir).start()) {
            clusterId = kafka.clusterId();
            try (Admin admin = admin(kafka)) {
                assertThat(SETUP.ensure(admin, WAIT))
                        .containsExactlyInAnyOrder(
                                TOPICS.normalized(),
                                TOPICS.tenancy(),
                                TOPICS.learnedTenancy(),
                                TOPICS.attributed(),
                                TOPICS.alerts(),
                                TOPICS.alertsRetry(),
                                TOPICS.dlq(),
                                TOPICS.eventHubsCheckpoints());
                assertThat(SETUP.ensure(admin, WAIT))
                        .as("second run creates nothing")
                        .isEmpty();
                assertThat(cleanupPolicy(admin, TOPICS.tenancy())).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                assertThat(cleanupPolicy(admin, TOPICS.learnedTenancy())).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                assertThat(cleanupPolicy(admin, TOPICS.eventHubsCheckpoints()))
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                assertThat(cleanupPolicy(admin, TOPICS.normalized())).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                assertThat(admin.describeTopics(List.of(TOPICS.normalized()))
                                .allTopicNames()
                                .get()
                                .get(TOPICS.normalized())
                                .partitions())
                        .hasSize(2);
            }

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, null))) {
                producer.send(new ProducerRecord<>(TOPICS.normalized(), 0, "aks-1/team-a", "plain"))
                        .get(10, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, "tw-test-tx"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPICS.alerts(), 0, "fp-1", "committed"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPICS.alerts(), 0, "fp-2", "aborted"));
                producer.abortTransaction();
            }
            assertThat(readAll(kafka, new TopicPartition(TOPICS.alerts(), 0))).containsExactly("committed");

            assertThatThrownBy(() -> broker(dataDir).start())
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("in use");
        }

        try (EmbeddedKafka again = broker(dataDir).start()) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            try (Admin admin = admin(again)) {
                assertThat(SETUP.ensure(admin, WAIT)).isEmpty();
            }
            assertThat(readAll(again, new TopicPartition(TOPICS.normalized(), 0)))
                    .containsExactly("plain");
            assertThat(readAll(again, new TopicPartition(TOPICS.alerts(), 0))).containsExactly("committed");
        }
    }

    @Test
    void aTakenPortEndsInOneClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(
                            () -> broker(tmp.resolve("kafka")).brokerPort(port).start())
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use");
            assertThatThrownBy(() ->
                            broker(tmp.resolve("kafka")).controllerPort(port).start())
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("controller port " + port);
        }
    }

    @Test
    void anUnusableDataDirEndsInOneClearMessage() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> broker(file.resolve("kafka")).start())
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot create data directory " + file.resolve("kafka"));
    }

    /**
     * Short broker session, so that a restart never waits long for the controller to let go of the
     * previous registration (it only has to after an unclean stop, but a test must not depend on that).
     */
    private static EmbeddedKafka.Builder broker(Path dataDir) {
        return EmbeddedKafka.builder(dataDir)
                .brokerProperty("broker.heartbeat.interval.ms", "500")
                .brokerProperty("broker.session.timeout.ms", "3000");
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    private static Map<String, Object> producerConfig(EmbeddedKafka kafka, String transactionalId) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                15_000));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return config;
    }

    /** Every value a read_committed consumer sees in the partition, up to its last stable offset. */
    private static List<String> readAll(EmbeddedKafka kafka, TopicPartition partition) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            // For a read_committed consumer the end offset is the last stable offset, which an
            // aborted transaction's marker has already moved past.
            long end = consumer.endOffsets(Set.of(partition), WAIT).get(partition);
            List<String> values = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return consumer.position(partition, WAIT) >= end;
            });
            return values;
        }
    }
}
