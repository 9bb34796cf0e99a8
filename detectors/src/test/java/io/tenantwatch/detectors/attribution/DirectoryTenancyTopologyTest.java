package io.tenantwatch.detectors.attribution;

import static io.tenantwatch.detectors.testing.AuditEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import io.tenantwatch.testkit.events.TenancyEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology with tenancy from {@code tw.tenancy} (as the cluster directory
 * publishes it) and no tenancy file: attribution by the directory's records, identities from
 * Capsule owners, deletions, the grace period for namespaces not known yet, and a namespace's own
 * create event as a source.
 */
class DirectoryTenancyTopologyTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final String CLUSTER = "aks-prod-weu";
    private static final Actor ALPHA_SA = Identities.ALPHA_DEPLOYER;
    private static final Actor DAVE = Identities.DAVE;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, NormalizedEvent> normalized;
    private TestInputTopic<String, TenancyRecord> tenancy;
    private TestOutputTopic<String, NormalizedEvent> attributed;
    private TestOutputTopic<String, Alert> alerts;
    private Attributor attributor;

    @BeforeEach
    void start() {
        LearnedTenancy learned = new LearnedTenancy();
        DirectoryTenancy directory = new DirectoryTenancy(learned);
        attributor = new Attributor(new StaticTenancy(TenancyConfig.EMPTY), directory);
        DetectionTopology topology = new DetectionTopology(
                        TOPICS,
                        attributor,
                        DetectorRegistry.builtIn(),
                        new DetectionListener() {},
                        Duration.ofMinutes(10),
                        DetectionTopology.StateStores.IN_MEMORY)
                .withTenancyDirectory(directory, DetectionTopology.DEFAULT_TENANCY_GRACE)
                .withLearnedTenancy(learned)
                .withAttributedExport(true);
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("unused:9092"), stateDir.toString(), TOPICS);
        driver = new TopologyTestDriver(topology.build(), props);
        normalized = driver.createInputTopic(
                TOPICS.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer());
        tenancy = driver.createInputTopic(
                TOPICS.tenancy(),
                Serdes.String().serializer(),
                JsonSerde.tenancyRecord().serializer());
        attributed = driver.createOutputTopic(
                TOPICS.attributed(),
                Serdes.String().deserializer(),
                JsonSerde.normalizedEvent().deserializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                JsonSerde.alert().deserializer());

        publish(ns("alpha", "alpha", "label:tenantwatch.io/tenant"));
        publish(ns("beta-prod", "beta", "capsule"));
        publish(new IdentityTenancy(
                CLUSTER, "user", "dave@fabrikam.com", List.of("beta"), ActorClass.TENANT_MEMBER, "capsule"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eventsAreAttributedByTheDirectoryAndItsIdentities() {
        send(AuditEvents.by(ALPHA_SA)
                .get("secrets", "beta-prod", "db-credentials")
                .at(T0)
                .normalized());
        send(AuditEvents.by(DAVE)
                .get("pods", "beta-prod", "web-0")
                .at(T0.plusSeconds(1))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::targetTenant).containsExactly("beta", "beta");
        assertThat(out.get(0).tenancySource()).isEqualTo("capsule");
        assertThat(out.get(0).actorTenants()).containsExactly("alpha");
        assertThat(out.get(1).actorTenants())
                .as("a Capsule owner's tenants come from the directory")
                .containsExactly("beta");
        assertThat(alerts.readValuesToList()).extracting(Alert::detector).contains("cross-tenant-secret-access");
    }

    @Test
    void aNamespaceTheDirectoryPublishesWithinTheGraceIsAttributedAndNeverUnmapped() {
        send(AuditEvents.by(ALPHA_SA)
                .create("configmaps", "gamma-new", "settings")
                .at(T0)
                .normalized());
        assertThat(attributed.readValuesToList()).as("waits for tenancy").isEmpty();

        publish(ns("gamma-new", "gamma", "label:tenantwatch.io/tenant"));
        send(AuditEvents.by(ALPHA_SA)
                .get("pods", "alpha", "web-0")
                .at(T0.plusSeconds(5))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::namespace).containsExactlyInAnyOrder("gamma-new", "alpha");
        assertThat(out)
                .filteredOn(e -> e.namespace().equals("gamma-new"))
                .singleElement()
                .extracting(NormalizedEvent::targetTenant)
                .isEqualTo("gamma");
        assertThat(alerts.readValuesToList()).extracting(Alert::detector).doesNotContain("unmapped-namespace");
    }

    @Test
    void aNamespaceStillUnknownAfterTheGraceIsUnmapped() {
        send(AuditEvents.by(ALPHA_SA)
                .create("configmaps", "nowhere", "settings")
                .at(T0)
                .normalized());
        send(AuditEvents.by(ALPHA_SA)
                .get("pods", "alpha", "web-0")
                .at(T0.plusSeconds(29))
                .normalized());
        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::namespace)
                .containsExactly("alpha");

        send(AuditEvents.by(ALPHA_SA)
                .get("pods", "alpha", "web-1")
                .at(T0.plusSeconds(31))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::namespace).containsExactly("alpha", "nowhere");
        assertThat(out.get(1).targetTenant()).isNull();
        assertThat(alerts.readValuesToList()).extracting(Alert::detector).contains("unmapped-namespace");
    }

    @Test
    void aNamespacesOwnCreateEventNamesItsTenantUntilTheDirectoryDoes() {
        NormalizedEvent create = AuditEvents.by(Identities.PLATFORM_GITOPS)
                .create("namespaces", null, "delta")
                .at(T0)
                .normalized();
        send(TenancyEvents.withFacts(
                create, TenancyEvents.namespace(Map.of("tenantwatch.io/tenant", "delta"), Map.of(), List.of())));
        send(AuditEvents.by(ALPHA_SA)
                .create("configmaps", "delta", "settings")
                .at(T0.plusSeconds(1))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::targetTenant).containsExactly("delta", "delta");
        assertThat(out.get(1).tenancySource()).isEqualTo(DirectoryTenancy.SOURCE_NAMESPACE_EVENT);
    }

    @Test
    void aDeletedNamespaceKeepsNoTenantForItsNextIncarnation() {
        publish(ns("alpha", "alpha", "label:tenantwatch.io/tenant").deletedAt(T0));
        send(AuditEvents.by(ALPHA_SA)
                .get("pods", "alpha", "web-0")
                .at(T0.plusSeconds(1))
                .normalized());
        send(AuditEvents.by(ALPHA_SA)
                .get("pods", "beta-prod", "web-0")
                .at(T0.plusSeconds(40))
                .normalized());

        List<NormalizedEvent> out = attributed.readValuesToList();
        assertThat(out).extracting(NormalizedEvent::namespace).containsExactly("alpha", "beta-prod");
        assertThat(out.get(0).targetTenant()).isNull();
    }

    private void publish(TenancyRecord record) {
        String key = record instanceof NamespaceTenancy ns
                ? NamespaceTenancy.key(ns.cluster(), ns.namespace())
                : IdentityTenancy.key(
                        record.cluster(), ((IdentityTenancy) record).kind(), ((IdentityTenancy) record).name());
        tenancy.pipeInput(key, record);
    }

    private static NamespaceTenancy ns(String name, String tenant, String source) {
        return new NamespaceTenancy(
                CLUSTER, name, "uid-" + name, tenant, source, Instant.parse("2024-01-01T00:00:00Z"), false);
    }

    private void send(NormalizedEvent event) {
        normalized.pipeInput(event.partitionKey(), event, event.time());
    }
}
