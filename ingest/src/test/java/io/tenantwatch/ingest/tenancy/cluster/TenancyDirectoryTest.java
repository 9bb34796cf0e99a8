package io.tenantwatch.ingest.tenancy.cluster;

import static io.tenantwatch.testkit.kubernetes.MockCluster.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import io.tenantwatch.testkit.kubernetes.MockCluster;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory against the fabric8 API server in CRUD mode (a real HTTP server with list and
 * watch) and the real in-JVM broker: what lands on {@code tw.tenancy} while namespaces, Capsule
 * Tenants and HNC hierarchies come and go.
 */
@ExtendWith(TestBroker.class)
@EnableKubernetesMockClient(crud = true, https = false)
class TenancyDirectoryTest {

    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    /** The mock server logs every request at INFO through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private static final TenancyConfig FILE = new TenancyConfig(
            null,
            List.of(new TenancyConfig.Tenant("delta", List.of("delta-*"), List.of(), List.of(), List.of(), List.of())),
            null,
            null);
    private static final TenancyDirectory.Settings FAST =
            new TenancyDirectory.Settings(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMillis(50));

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private String cluster;
    private TenancyDirectory directory;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void names() {
        cluster = "aks-" + CLUSTERS.incrementAndGet();
        server.expectCustomResource(MockCluster.CAPSULE_TENANTS);
        server.expectCustomResource(MockCluster.HNC_HIERARCHIES);
    }

    @AfterEach
    void stop() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void everyNamespaceIsAttributedByTheSourceThatDecides() throws Exception {
        MockCluster.namespace(client, "alpha", Map.of("tenantwatch.io/tenant", "alpha"));
        MockCluster.capsuleNamespace(client, "beta-dev", "beta");
        MockCluster.namespace(client, "beta-ops", Map.of());
        MockCluster.capsuleTenant(
                client,
                "beta",
                List.of(owner("User", "Alice@Contoso.com"), owner("Group", "6f1c-group-oid")),
                List.of(owner("ServiceAccount", "system:serviceaccount:ci:beta-deployer")),
                List.of("beta-dev", "beta-ops"));
        MockCluster.namespace(client, "gamma", Map.of("gamma.tree.hnc.x-k8s.io/depth", "0"));
        MockCluster.namespace(
                client,
                "gamma-dev",
                Map.of("gamma.tree.hnc.x-k8s.io/depth", "1", "gamma-dev.tree.hnc.x-k8s.io/depth", "0"));
        MockCluster.namespace(client, "alpha-team-x", Map.of());
        MockCluster.hncParent(client, "alpha-team-x", "alpha");
        MockCluster.namespace(client, "delta-1", Map.of());
        MockCluster.namespace(client, "kube-system", Map.of());
        MockCluster.namespace(client, "orphan", Map.of());
        MockCluster.namespace(
                client, "mixed", Map.of("tenantwatch.io/tenant", "alpha", "capsule.clastix.io/tenant", "beta"));

        directory = start();

        Map<String, TenancyRecord> records = published();
        assertThat(records.values()).allSatisfy(r -> assertThat(ContractSchemas.TENANCY_RECORD.problems(r))
                .isEmpty());
        assertThat(ns(records, "alpha"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("alpha", "label:tenantwatch.io/tenant");
        assertThat(ns(records, "beta-dev"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("beta", "capsule");
        assertThat(ns(records, "beta-ops"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("beta", "capsule");
        assertThat(ns(records, "gamma-dev"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("gamma", "hnc");
        assertThat(ns(records, "gamma"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("gamma", "hnc");
        assertThat(ns(records, "alpha-team-x"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .as("an HNC child without labels yet takes its root's tenant")
                .containsExactly("alpha", "hnc");
        assertThat(ns(records, "delta-1"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly("delta", "file");
        assertThat(ns(records, "kube-system"))
                .extracting(NamespaceTenancy::tenant, NamespaceTenancy::source)
                .containsExactly(NamespaceTenancy.PLATFORM_TENANT, "platform-default");
        assertThat(ns(records, "orphan").tenant()).isNull();
        assertThat(ns(records, "orphan").source()).isNull();
        assertThat(ns(records, "mixed").tenant()).isEqualTo("alpha");
        assertThat(ns(records, "mixed").conflicts()).singleElement().asString().contains("tenant labels disagree");
        assertThat(ns(records, "alpha").uid())
                .isEqualTo(client.namespaces()
                        .withName("alpha")
                        .get()
                        .getMetadata()
                        .getUid());

        assertThat(id(records, "user", "alice@contoso.com").tenants()).containsExactly("beta");
        assertThat(id(records, "group", "6f1c-group-oid").tenants()).containsExactly("beta");
        assertThat(id(records, "serviceaccount", "system:serviceaccount:ci:beta-deployer")
                        .source())
                .isEqualTo("capsule");

        assertThat(gauge("tenantwatch.tenancy.namespaces", "source", "label")).isEqualTo(2);
        assertThat(gauge("tenantwatch.tenancy.namespaces", "source", "capsule")).isEqualTo(2);
        assertThat(gauge("tenantwatch.tenancy.namespaces", "source", "hnc")).isEqualTo(3);
        assertThat(registry.get("tenantwatch.tenancy.unmapped.namespaces")
                        .tag("cluster", cluster)
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("tenantwatch.tenancy.conflicts")
                        .tag("cluster", cluster)
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void relabelDeleteAndRecreateAreFollowedAndTheNewNamespaceNeverInheritsTheOldTenant() throws Exception {
        Namespace alpha = MockCluster.namespace(client, "shop", Map.of("tenantwatch.io/tenant", "alpha"));
        directory = start();
        assertThat(ns(published(), "shop").tenant()).isEqualTo("alpha");

        client.namespaces().withName("shop").edit(n -> {
            n.getMetadata().getLabels().put("tenantwatch.io/tenant", "beta");
            return n;
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(ns(published(), "shop").tenant()).isEqualTo("beta"));

        client.namespaces().withName("shop").delete();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(ns(published(), "shop").deleted()).isTrue());
        assertThat(ns(published(), "shop").uid()).isEqualTo(alpha.getMetadata().getUid());

        Namespace again = MockCluster.namespace(client, "shop", Map.of());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            NamespaceTenancy shop = ns(published(), "shop");
            assertThat(shop.deleted()).isFalse();
            assertThat(shop.uid())
                    .isEqualTo(again.getMetadata().getUid())
                    .isNotEqualTo(alpha.getMetadata().getUid());
            assertThat(shop.tenant())
                    .as("a re-created namespace starts unmapped")
                    .isNull();
        });
    }

    @Test
    void aRestartedDirectoryPublishesWhatChangedWhileItWasDown() throws Exception {
        MockCluster.namespace(client, "alpha", Map.of("tenantwatch.io/tenant", "alpha"));
        MockCluster.namespace(client, "short-lived", Map.of("tenantwatch.io/tenant", "alpha"));
        MockCluster.capsuleTenant(client, "beta", List.of(owner("User", "bob@contoso.com")), List.of(), List.of());
        directory = start();
        int before = TopicRecords.read(
                        TestBroker.topics().tenancy(), r -> r.key().contains(":" + cluster + "/"))
                .size();
        directory.close();

        client.namespaces().withName("short-lived").delete();
        client.genericKubernetesResources(MockCluster.CAPSULE_TENANTS)
                .withName("beta")
                .delete();
        directory = start();

        List<ConsumerRecord<String, byte[]>> all =
                TopicRecords.read(TestBroker.topics().tenancy(), r -> r.key().contains(":" + cluster + "/"));
        assertThat(all).hasSize(before + 2).as("nothing is published twice");
        Map<String, TenancyRecord> records = published();
        assertThat(ns(records, "short-lived").deleted()).isTrue();
        assertThat(records).doesNotContainKey(IdentityTenancy.key(cluster, "user", "bob@contoso.com"));
        List<ConsumerRecord<String, byte[]>> bob = all.stream()
                .filter(r -> r.key().equals(IdentityTenancy.key(cluster, "user", "bob@contoso.com")))
                .toList();
        assertThat(bob).hasSize(2);
        assertThat(bob.get(1).value())
                .as("an identity that owns nothing any more is a tombstone")
                .isNull();
    }

    @Test
    void theDirectoryRelistsAfterTheApiServerWasAway() throws Exception {
        MockCluster.namespace(client, "alpha", Map.of("tenantwatch.io/tenant", "alpha"));
        directory = start();
        int port = server.getPort();

        server.destroy();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(directoryAgeSeconds())
                .as("the directory's age grows while the API server is away")
                .isGreaterThan(2));
        assertThat(registry.get("tenantwatch.tenancy.watch.errors")
                        .tag("cluster", cluster)
                        .functionCounter()
                        .count())
                .as("the broken watch is counted")
                .isGreaterThanOrEqualTo(1);

        // Another API server on the same address, as after a control-plane restart: the informers
        // reconnect, list again (alpha is gone from this one and comes back as a new object), and watch.
        KubernetesMockServer restarted = MockCluster.crudServer();
        restarted.init(InetAddress.getByName("127.0.0.1"), port);
        try (KubernetesClient again = restarted.createClient()) {
            NamespaceTenancy before = ns(published(), "alpha");
            Namespace alpha = MockCluster.namespace(again, "alpha", Map.of("tenantwatch.io/tenant", "alpha"));
            MockCluster.namespace(again, "late", Map.of("tenantwatch.io/tenant", "omega"));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(ns(published(), "late").tenant()).isEqualTo("omega");
                assertThat(ns(published(), "alpha").uid())
                        .isEqualTo(alpha.getMetadata().getUid())
                        .isNotEqualTo(before.uid());
                assertThat(directoryAgeSeconds()).isLessThan(2);
            });
        } finally {
            restarted.destroy();
        }
    }

    private double directoryAgeSeconds() {
        return registry.get("tenantwatch.tenancy.directory.age")
                .tag("cluster", cluster)
                .timeGauge()
                .value(java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anUnreachableClusterFailsFastWithOneLine() throws Exception {
        Path kubeconfig = MockCluster.kubeconfig(server, dir, "gone");
        server.destroy();
        long start = System.nanoTime();

        assertThatThrownBy(() -> TenancyDirectory.start(
                        ClusterBinding.of(kubeconfig, List.of("gone=" + cluster), "default"),
                        new StaticTenancy(FILE),
                        TestBroker.bootstrapServers(),
                        TestBroker.topics().tenancy(),
                        registry,
                        new TenancyDirectory.Settings(
                                Duration.ofMinutes(5), Duration.ofSeconds(3), Duration.ofMillis(50))))
                .isInstanceOf(TenancyDirectoryException.class)
                .hasMessageContaining("cluster " + cluster)
                .hasMessageContaining("cannot list namespaces")
                .message()
                .doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMissingKubeconfigIsNamed() {
        assertThatThrownBy(() -> ClusterBinding.of(dir.resolve("nope.yaml"), List.of(), cluster)
                        .get(0)
                        .connect())
                .isInstanceOf(TenancyDirectoryException.class)
                .hasMessage("--kubeconfig " + dir.resolve("nope.yaml") + ": no such readable file");
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private TenancyDirectory start() throws Exception {
        Path kubeconfig = MockCluster.kubeconfig(server, dir, "mock");
        return TenancyDirectory.start(
                ClusterBinding.of(kubeconfig, List.of("mock=" + cluster), "default"),
                new StaticTenancy(FILE),
                TestBroker.bootstrapServers(),
                TestBroker.topics().tenancy(),
                registry,
                FAST);
    }

    /** The topic's latest record per key of this test's cluster (as compaction would keep it). */
    private Map<String, TenancyRecord> published() {
        Map<String, TenancyRecord> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicRecords.read(TestBroker.topics().tenancy(), r -> r.key().contains(":" + cluster + "/"))) {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), JsonSerde.tenancyRecord().deserializer().deserialize(r.topic(), r.value()));
            }
        }
        return latest;
    }

    private NamespaceTenancy ns(Map<String, TenancyRecord> records, String name) {
        TenancyRecord record = records.get(NamespaceTenancy.key(cluster, name));
        assertThat(record).as("record of namespace " + name).isInstanceOf(NamespaceTenancy.class);
        return (NamespaceTenancy) record;
    }

    private IdentityTenancy id(Map<String, TenancyRecord> records, String kind, String name) {
        TenancyRecord record = records.get(IdentityTenancy.key(cluster, kind, name));
        assertThat(record).as("record of " + kind + " " + name).isInstanceOf(IdentityTenancy.class);
        return (IdentityTenancy) record;
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tags("cluster", cluster, tag, value).gauge().value();
    }
}
