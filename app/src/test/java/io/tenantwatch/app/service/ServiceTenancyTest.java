package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.kubernetes.MockCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with the tenancy directory on a CRUD-mode API server: audit events POSTed to the
 * receiver are attributed by the cluster's own labels, follow a relabel, and an event for a
 * namespace created a moment later waits for it instead of being reported unmapped.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ServiceTenancyTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private TenantWatchService service;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void alertsFollowTheClustersTenancyAsItChanges() throws Exception {
        namespace("alpha", "alpha");
        namespace("shop", "beta");
        Path kubeconfig = MockCluster.kubeconfig(server, dir, "mock");
        ServiceConfig.Builder config = ServiceTest.config(dir.resolve("data"));
        IngestConfig ingest = config.build()
                .ingest()
                .withClusters(ClusterBinding.of(kubeconfig, List.of("mock=aks-prod"), "default"));
        service = new TenantWatchService(config.ingest(ingest)
                        .detect(DetectConfig.DEFAULTS.withAttributedExport(true))
                        .build())
                .start(alerts::add);
        await().atMost(Duration.ofSeconds(60)).until(service::ready);
        Instant t0 = Instant.now();

        post(secretRead("5b1e0a9c-0001-4d7e-9f2a-3c4b5d6e7f80", "shop", t0));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(secretAlerts()).extracting(Alert::tenant).containsExactly("beta"));

        client.namespaces().withName("shop").edit(n -> {
            n.getMetadata().getLabels().put("tenantwatch.io/tenant", "gamma");
            return n;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            post(secretRead(java.util.UUID.randomUUID().toString(), "shop", Instant.now()));
            assertThat(secretAlerts()).extracting(Alert::tenant).contains("gamma");
        });

        post(secretRead("5b1e0a9c-0003-4d7e-9f2a-3c4b5d6e7f80", "fresh", Instant.now()));
        Thread.sleep(1500);
        namespace("fresh", "delta");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(secretAlerts()).extracting(Alert::tenant).contains("delta"));
        assertThat(alerts).extracting(Alert::detector).doesNotContain("unmapped-namespace");

        // Exported for a SIEM: each event as JSON with the tenant the cluster's labels gave it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(attributedEvents())
                .extracting(NormalizedEvent::auditId, NormalizedEvent::targetTenant)
                .contains(
                        tuple("5b1e0a9c-0001-4d7e-9f2a-3c4b5d6e7f80", "beta"),
                        tuple("5b1e0a9c-0003-4d7e-9f2a-3c4b5d6e7f80", "delta")));
    }

    private List<NormalizedEvent> attributedEvents() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<NormalizedEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.defaults().attributed(), Duration.ofSeconds(10)).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int i = 0; i < 5; i++) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(JsonSerde.normalizedEvent().deserializer().deserialize(r.topic(), r.value()));
                }
            }
        }
        return out;
    }

    private List<Alert> secretAlerts() {
        return alerts.stream()
                .filter(a -> a.detector().equals("cross-tenant-secret-access"))
                .toList();
    }

    private void post(String event) throws Exception {
        var response = ServiceTest.post(service.receiverPort(), "/v1/audit/aks-prod", ServiceTest.TOKEN, event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String secretRead(String auditId, String namespace, Instant time) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%1$s","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/%2$s/secrets/db-credentials","verb":"get","user":{"username":"system:serviceaccount:alpha:deployer","uid":"4f0c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69","groups":["system:serviceaccounts","system:serviceaccounts:alpha","system:authenticated"]},"sourceIPs":["10.244.1.23"],"userAgent":"kubectl/v1.29.2","objectRef":{"resource":"secrets","namespace":"%2$s","name":"db-credentials","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"%3$s","stageTimestamp":"%3$s","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by RoleBinding"}}
                """.formatted(auditId, namespace, time.toString()).strip();
    }

    private void namespace(String name, String tenant) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("tenantwatch.io/tenant", tenant))
                        .endMetadata()
                        .build())
                .create();
    }
}
