package io.tenantwatch.detectors.attribution;

import static io.tenantwatch.detectors.testing.AuditEvents.T0;
import static io.tenantwatch.detectors.testing.NamespaceEvents.TENANT_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.NamespaceEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenancy learned from namespace events through the production topology (docs/tenancy.md,
 * "Learning tenancy from the audit stream"): an audit-only deployment with the example tenancy
 * file and no directory, whose namespaces {@code gamma-*} no file rule maps; then with a
 * directory, which wins.
 */
class LearnedTenancyTopologyTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final String CLUSTER = TenancyFixtures.CLUSTER;
    private static final Actor GITOPS = Identities.PLATFORM_GITOPS;
    private static final Actor ALPHA_SA = Identities.ALPHA_DEPLOYER;
    private static final Actor BOB = Identities.BOB;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, NormalizedEvent> normalized;
    private TestInputTopic<String, TenancyRecord> directoryTopic;
    private TestOutputTopic<String, NormalizedEvent> attributed;
    private TestOutputTopic<String, Alert> alerts;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aNamespaceCreatedWithATenantLabelBelongsToThatTenantFromItsCreateOn() {
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(NamespaceEvents.created(GITOPS, "gamma-payments", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        send(AuditEvents.by(ALPHA_SA)
                .get("secrets", "gamma-payments", "db-credentials")
                .at(T0.plusSeconds(1))
                .normalized());
        send(AuditEvents.by(Identities.serviceAccount("gamma-payments", "api"))
                .list("configmaps", "gamma-payments")
                .at(T0.plusSeconds(2))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::targetTenant).containsExactly("beta", "beta", "beta");
        assertThat(out.get(1).tenancySource()).isEqualTo(LearnedTenancy.SOURCE);
        assertThat(out.get(2).actorTenants())
                .as("a service account of the namespace is the tenant's")
                .containsExactly("beta");
        assertThat(alerts.readValuesToList())
                .extracting(Alert::detector)
                .contains("cross-tenant-secret-access")
                .doesNotContain("unmapped-namespace");
    }

    @Test
    void aRelabelMovesTheNamespaceAndIsJudgedAgainstTheTenantItHad() {
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(NamespaceEvents.created(GITOPS, "gamma-payments", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        // Request level: the patch names only the label it sets.
        send(NamespaceEvents.relabelled(BOB, "gamma-payments", null, Map.of(), Map.of(TENANT_LABEL, "alpha"), List.of())
                .at(T0.plusSeconds(10))
                .normalized());
        send(AuditEvents.by(BOB)
                .get("pods", "gamma-payments", "web-0")
                .at(T0.plusSeconds(11))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::targetTenant).containsExactly("beta", "beta", "alpha");
        assertThat(alerts.readValuesToList())
                .filteredOn(a -> a.detector().equals("tenant-boundary-change"))
                .singleElement()
                .satisfies(a -> assertThat(a.summary()).contains("set to alpha (was tenant beta)"));

        send(NamespaceEvents.relabelled(BOB, "gamma-payments", "uid-1", Map.of(), Map.of(), List.of(TENANT_LABEL))
                .at(T0.plusSeconds(20))
                .normalized());
        send(AuditEvents.by(BOB)
                .get("pods", "gamma-payments", "web-0")
                .at(T0.plusSeconds(21))
                .normalized());
        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::targetTenant)
                .as("the label removed, no source maps it")
                .containsExactly("alpha", null);
    }

    @Test
    void aNamespaceDeletedAndCreatedAgainBelongsToTheOldTenantBeforeAndTheNewOneAfter() {
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(NamespaceEvents.created(GITOPS, "gamma-shared", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        send(NamespaceEvents.deleted(GITOPS, "gamma-shared", "uid-1")
                .at(T0.plusSeconds(60))
                .normalized());
        // The namespace controller empties the terminating namespace: still beta's objects.
        send(AuditEvents.by(Identities.serviceAccount("kube-system", "namespace-controller"))
                .deleteCollection("configmaps", "gamma-shared")
                .at(T0.plusSeconds(61))
                .normalized());
        send(NamespaceEvents.created(GITOPS, "gamma-shared", "uid-2", Map.of(TENANT_LABEL, "alpha"))
                .at(T0.plusSeconds(120))
                .normalized());
        // A late write for the first incarnation changes nothing.
        send(NamespaceEvents.relabelled(
                        GITOPS,
                        "gamma-shared",
                        "uid-1",
                        Map.of(TENANT_LABEL, "beta"),
                        Map.of(TENANT_LABEL, "beta"),
                        List.of())
                .at(T0.plusSeconds(59))
                .normalized());
        send(AuditEvents.by(BOB)
                .get("secrets", "gamma-shared", "db-credentials")
                .at(T0.plusSeconds(121))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out)
                .extracting(NormalizedEvent::targetTenant)
                .containsExactly("beta", "beta", "beta", "alpha", "alpha", "alpha");
        assertThat(alerts.readValuesToList())
                .as("bob (beta) reads a secret of the new incarnation, alpha's")
                .extracting(Alert::detector)
                .contains("cross-tenant-secret-access");
    }

    @Test
    void aCreateWithoutTenantLabelOrDeniedOrDryRunTeachesNothing() {
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(NamespaceEvents.created(BOB, "gamma-denied", null, Map.of(TENANT_LABEL, "beta"))
                .forbidden()
                .at(T0)
                .normalized());
        send(NamespaceEvents.created(BOB, "gamma-dry", null, Map.of(TENANT_LABEL, "beta"))
                .query("dryRun=All")
                .at(T0)
                .normalized());
        // Argo CD creating an application's namespace without a tenant label: the file decides.
        send(NamespaceEvents.created(
                        Identities.serviceAccount("argocd", "argocd-application-controller"),
                        "beta-web",
                        "uid-7",
                        Map.of("argocd.argoproj.io/managed-by", "argocd"))
                .at(T0)
                .normalized());
        for (String ns : List.of("gamma-denied", "gamma-dry", "beta-web")) {
            send(AuditEvents.by(BOB)
                    .get("pods", ns, "web-0")
                    .at(T0.plusSeconds(1))
                    .normalized());
        }

        assertThat(attributed.readValuesToList())
                .filteredOn(e -> "get".equals(e.verb()))
                .extracting(NormalizedEvent::targetTenant, NormalizedEvent::tenancySource)
                .containsExactly(tuple(null, null), tuple(null, null), tuple("beta", "file"));
    }

    @Test
    void aLabelOnTheCreateBeatsTheFileAsTheDirectorysLabelWould() {
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(NamespaceEvents.created(GITOPS, "alpha-handover", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        send(AuditEvents.by(BOB)
                .get("pods", "alpha-handover", "web-0")
                .at(T0.plusSeconds(1))
                .normalized());

        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::targetTenant)
                .containsExactly("beta", "beta");
    }

    @Test
    void theDirectoryWinsOverWhatEventsTaughtAboutTheSameNamespace() {
        start(true, DetectionTopology.StateStores.IN_MEMORY);
        publish(new NamespaceTenancy(CLUSTER, "gamma-app", "uid-1", "alpha", "capsule", T0, false));
        send(NamespaceEvents.created(GITOPS, "gamma-app", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        send(AuditEvents.by(BOB)
                .get("pods", "gamma-app", "web-0")
                .at(T0.plusSeconds(1))
                .normalized());

        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::targetTenant, NormalizedEvent::tenancySource)
                .containsOnly(tuple("alpha", "capsule"));

        // Deleted and created again: until the directory publishes the new uid, the events speak.
        publish(new NamespaceTenancy(CLUSTER, "gamma-app", "uid-1", "alpha", "capsule", T0, false)
                .deletedAt(T0.plusSeconds(60)));
        send(NamespaceEvents.created(GITOPS, "gamma-app", "uid-2", Map.of(TENANT_LABEL, "beta"))
                .at(T0.plusSeconds(61))
                .normalized());
        send(AuditEvents.by(BOB)
                .get("pods", "gamma-app", "web-0")
                .at(T0.plusSeconds(62))
                .normalized());
        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::targetTenant)
                .containsExactly("beta", "beta");
    }

    @Test
    void learnedTenancySurvivesARestartOnTheSameState() {
        start(false, DetectionTopology.StateStores.PERSISTENT);
        send(NamespaceEvents.created(GITOPS, "gamma-payments", "uid-1", Map.of(TENANT_LABEL, "beta"))
                .at(T0)
                .normalized());
        List<TestRecord<String, TenancyRecord>> learnedTopic = driver.createOutputTopic(
                        TOPICS.learnedTenancy(),
                        Serdes.String().deserializer(),
                        JsonSerde.tenancyRecord().deserializer())
                .readRecordsToList();
        assertThat(learnedTopic)
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("ns:aks-prod-weu/gamma-payments"))
                .satisfies(r -> assertThat(r.value())
                        .isEqualTo(new NamespaceTenancy(
                                CLUSTER, "gamma-payments", "uid-1", "beta", LearnedTenancy.SOURCE, T0, false)));
        driver.close();

        // A restarted instance (or a second one) rebuilds the global store from the compacted
        // topic before it processes an event; the test driver holds no broker, so the topic's
        // records are handed to the new driver as the broker would.
        start(false, DetectionTopology.StateStores.PERSISTENT);
        TestInputTopic<String, TenancyRecord> topic = driver.createInputTopic(
                TOPICS.learnedTenancy(),
                Serdes.String().serializer(),
                JsonSerde.tenancyRecord().serializer());
        learnedTopic.forEach(r -> topic.pipeInput(r.key(), r.value()));
        send(AuditEvents.by(BOB)
                .get("pods", "gamma-payments", "web-0")
                .at(T0.plusSeconds(5))
                .normalized());

        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::targetTenant)
                .containsExactly("beta");
    }

    @Test
    void falcoEventsPassTheLearnersWithoutAFailure() {
        // A Falco event has no verb: the learners once failed on it, so every runtime alert left a
        // dead letter (two, one per learner) in the service and an error in its metrics.
        start(false, DetectionTopology.StateStores.IN_MEMORY);
        send(FalcoEvents.terminalShell("alpha-web", "web-0").at(T0).normalized());

        assertThat(driver.producedTopicNames()).doesNotContain(TOPICS.dlq());
        assertThat(alerts.readValuesToList()).extracting(Alert::detector).contains("falco-runtime");
    }

    private void start(boolean withDirectory, DetectionTopology.StateStores stores) {
        LearnedTenancy learned = new LearnedTenancy();
        DirectoryTenancy directory = withDirectory ? new DirectoryTenancy(learned) : null;
        Attributor attributor =
                new Attributor(new StaticTenancy(TenancyFixtures.CONFIG), directory == null ? learned : directory);
        DetectionTopology topology = new DetectionTopology(
                        TOPICS,
                        attributor,
                        DetectorRegistry.builtIn(),
                        new DetectionListener() {},
                        Duration.ofMinutes(10),
                        stores)
                .withLearnedTenancy(learned)
                .withAttributedExport(true);
        if (directory != null) {
            topology.withTenancyDirectory(directory, Duration.ZERO);
        }
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("unused:9092"), stateDir.toString(), TOPICS);
        driver = new TopologyTestDriver(topology.build(), props);
        normalized = driver.createInputTopic(
                TOPICS.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer());
        directoryTopic = withDirectory
                ? driver.createInputTopic(
                        TOPICS.tenancy(),
                        Serdes.String().serializer(),
                        JsonSerde.tenancyRecord().serializer())
                : null;
        attributed = driver.createOutputTopic(
                TOPICS.attributed(),
                Serdes.String().deserializer(),
                JsonSerde.normalizedEvent().deserializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                JsonSerde.alert().deserializer());
    }

    private void publish(NamespaceTenancy record) {
        directoryTopic.pipeInput(NamespaceTenancy.key(record.cluster(), record.namespace()), record);
    }

    private void send(NormalizedEvent event) {
        normalized.pipeInput(event.partitionKey(), event, event.time());
    }
}
