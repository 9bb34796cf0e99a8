package io.tenantwatch.ingest.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alternative path: reading a hub through the Kafka endpoint of its namespace. A second
 * in-JVM broker stands in for Event Hubs' endpoint, with SASL PLAIN and Event Hubs' convention
 * (user {@code $ConnectionString}, the connection string as password). It listens with
 * SASL_PLAINTEXT: the real endpoint is SASL_SSL on port 9093, which only changes the transport
 * under the same SASL exchange, and a trusted certificate for a test host is more set-up than
 * it proves. Events go to the regular test broker, as they would go to tenantwatch's own cluster.
 */
@ExtendWith(TestBroker.class)
class KafkaEndpointTest {

    private static final String KEY = UUID.randomUUID().toString().replace("-", "");
    /** Scoped to the namespace (no EntityPath), so that one connection string reads several hubs. */
    private static final String CONNECTION_STRING =
            "Endpoint=sb://localhost/;SharedAccessKeyName=tenantwatch-listen;SharedAccessKey=" + KEY;

    private static final String HUB = "aks-audit";
    private static final String CLUSTER = "eh-kafka-endpoint";
    private static final String DEMO_AKS =
            "/SUBSCRIPTIONS/97E9B03F-04D6-4B69-B307-35F483F7ED81/RESOURCEGROUPS/DEMO-BACKEND-RG"
                    + "/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/DEMO-AKS";

    private static KafkaClusterTestKit endpoint;

    @BeforeAll
    static void startEndpoint() throws Exception {
        endpoint = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build())
                // The test kit's own admin user stays (the broker talks to itself with it); Event Hubs'
                // user is added. No ACLs: Event Hubs authorizes by the policy, not per topic.
                .setConfigProp(
                        "listener.name.external.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"plain-admin\" password=\"plain-admin-secret\""
                                + " user_plain-admin=\"plain-admin-secret\""
                                + " user_$ConnectionString=\"" + CONNECTION_STRING + "\";")
                .setConfigProp("allow.everyone.if.no.acl.found", "true")
                // one broker: the group coordinator's topic cannot have the default three replicas
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        endpoint.format();
        endpoint.startup();
        endpoint.waitForReadyBrokers();
        try (Admin admin = endpoint.admin()) {
            admin.createTopics(List.of(new NewTopic(HUB, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopEndpoint() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** What a deployment would set for a proxy or, here, for the stand-in endpoint. */
    private static Properties overrides() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        return p;
    }

    private static HubBinding hub(String connectionString, String hub) {
        return new HubBinding(
                HubKind.AUDIT,
                null,
                hub,
                "tenantwatch",
                "fallback",
                Map.of(BatchHandlerTest.AKS_ID, CLUSTER, DEMO_AKS, CLUSTER),
                new HubCredential.ConnectionStringCredential(ConnectionString.parse(connectionString, "test"), "test"),
                HubTransport.KAFKA);
    }

    private static EventHubsOptions options(HubBinding... hubs) {
        return EventHubsOptions.of(List.of(hubs), TestBroker.bootstrapServers(), TestBroker.topics())
                .withKafkaEndpointOverrides(overrides())
                .withPreflightTimeout(Duration.ofSeconds(20));
    }

    /** falcosidekick or AKS as the producer: one envelope per message, plain SASL PLAIN with the connection string. */
    private static void send(byte[]... bodies) throws Exception {
        Properties p = KafkaEndpointConfig.consumerProperties(
                hub(CONNECTION_STRING, HUB).validate("test"));
        p.keySet()
                .removeIf(k -> k.toString().startsWith("group.")
                        || k.toString().startsWith("enable.")
                        || k.toString().startsWith("auto.")
                        || k.toString().startsWith("max.poll")
                        || k.toString().startsWith("session.")
                        || k.toString().startsWith("allow."));
        p.putAll(overrides());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] body : bodies) {
                producer.send(new ProducerRecord<>(HUB, body)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<Integer, Long> committed() throws Exception {
        try (Admin admin = endpoint.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("tenantwatch")
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(
                            e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    @Test
    void theBridgeReadsAHubThroughItsKafkaEndpointAndCommitsOnlyWhatKafkaTook() throws Exception {
        assertThat(KafkaEndpointConfig.consumerProperties(
                        hub(CONNECTION_STRING, HUB).validate("test")))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(SaslConfigs.SASL_MECHANISM, "PLAIN")
                .containsEntry("bootstrap.servers", "localhost:9093");

        send(
                Corpus.bytes("aks-envelope/sysdiglabs_event.json"),
                Corpus.bytes("aks-envelope/dynatrace_kube-audit_record.json"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaEventWriter writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 10_000)) {
            try (EventHubsBridge bridge =
                    EventHubsBridge.start(options(hub(CONNECTION_STRING, HUB)), writer, registry)) {
                assertThat(bridge.hubs()).containsExactly(HUB);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TopicRecords.normalized(CLUSTER))
                        .hasSize(21));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committed().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isEqualTo(2));
                assertThat(registry.find(HubMetrics.MESSAGES).tag("hub", HUB).counters().stream()
                                .mapToDouble(c -> c.count())
                                .sum())
                        .isEqualTo(2.0);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                                registry.find(HubMetrics.LAG).tag("hub", HUB).gauges())
                        .isNotEmpty()
                        .allSatisfy(g -> assertThat(g.value()).isZero()));
            }

            // after a restart only what came since is read
            send(Corpus.bytes("aks-envelope/sysdiglabs_sample_EventHubs_event.json"));
            try (EventHubsBridge bridge =
                    EventHubsBridge.start(options(hub(CONNECTION_STRING, HUB)), writer, new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committed().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isEqualTo(3));
            }
        }
        Map<String, Long> ids = TopicRecords.normalized(CLUSTER).stream()
                .collect(Collectors.groupingBy(r -> TopicRecords.event(r).id(), Collectors.counting()));
        assertThat(ids).hasSize(21).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        // the third envelope's cluster is not mapped: its name is the resource id's last segment
        assertThat(TopicRecords.normalized("kubeauditlogtestcluster")).hasSize(1);
    }

    @Test
    void aRefusedConnectionStringOrAMissingHubEndsTheStartWithOneLine() {
        String wrongKey = CONNECTION_STRING.replace(KEY, "not-the-key");
        try (KafkaEventWriter writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 10)) {
            assertThatThrownBy(
                            () -> EventHubsBridge.start(options(hub(wrongKey, HUB)), writer, new SimpleMeterRegistry()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(
                            "--eventhubs aks-audit: the Kafka endpoint of localhost refused the connection string (SASL PLAIN)")
                    .hasMessageNotContaining(KEY);
            assertThatThrownBy(() -> EventHubsBridge.start(
                            options(hub(CONNECTION_STRING, "no-such-hub")), writer, new SimpleMeterRegistry()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("--eventhubs no-such-hub: hub 'no-such-hub' does not exist in namespace localhost");
        }
    }
}
