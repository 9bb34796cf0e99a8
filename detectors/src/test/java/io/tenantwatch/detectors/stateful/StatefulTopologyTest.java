package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.PodSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group F's part of the topology as a whole: naming, both kinds of store, and the flush replay relies on. */
class StatefulTopologyTest {

    @TempDir
    Path stateDir;

    private StreamsBuilder strictBuilder() {
        // The service's configuration: ensure.explicit.internal.resource.naming=true
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(DetectionTopology.streamsConfig(
                KafkaConnection.plain("unused:9092"), stateDir.toString(), Topics.defaults()))));
    }

    private static KStream<String, Alert> detected(StreamsBuilder builder) {
        return builder.stream(
                "detected", Consumed.with(Serdes.String(), JsonSerde.alert()).withName("detected-source"));
    }

    private static KStream<String, Observation> observed(StreamsBuilder builder) {
        return builder.stream(
                "observed",
                Consumed.with(Serdes.String(), new ObservationSerde()).withName("observed-source"));
    }

    @Test
    void everyRepartitionTopicStoreAndJoinIsNamedExplicitly() {
        StreamsBuilder builder = strictBuilder();
        new StatefulTopology(
                        DetectorRegistry.builtIn(), DetectionListener.NONE, DetectionTopology.StateStores.PERSISTENT)
                .build(
                        builder,
                        detected(builder),
                        observed(builder),
                        (alerts, name) -> alerts.to(
                                "alerts",
                                Produced.with(Serdes.String(), JsonSerde.alert())
                                        .withName(name + "-sink")));
        Topology topology = builder.build();

        Set<String> stores = new HashSet<>();
        Set<String> topics = new HashSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                } else if (node instanceof TopologyDescription.Sink s && s.topic() != null) {
                    topics.add(s.topic());
                }
            }
        }
        assertThat(stores)
                .containsExactlyInAnyOrder(
                        StatefulTopology.FORBIDDEN_BURST_WINDOWS,
                        StatefulTopology.REPEATED_DENIED_WINDOWS,
                        StatefulTopology.UNKNOWN_IDENTITY_WINDOWS,
                        StatefulTopology.SECRET_ENUMERATION_WINDOWS,
                        StatefulTopology.FIRST_SEEN_LAST_ACCESS,
                        StatefulTopology.RBAC_STARTS,
                        StatefulTopology.RBAC_FOLLOW_UPS,
                        StatefulTopology.RUNTIME_FALCO_ALERTS,
                        StatefulTopology.RUNTIME_REQUESTS,
                        StatefulTopology.RUNTIME_ALERTED,
                        StatefulTopology.TOKEN_CREDENTIALS,
                        StatefulTopology.WORKLOAD_IMAGES);
        assertThat(topics)
                .containsExactlyInAnyOrder(
                        StatefulTopology.BY_ACTOR + "-repartition",
                        StatefulTopology.RUNTIME_BY_POD + "-repartition",
                        StatefulTopology.BY_CREDENTIAL + "-repartition",
                        StatefulTopology.BY_WORKLOAD + "-repartition",
                        "alerts");
    }

    @Test
    void theStrictBuilderRefusesAnUnnamedStore() {
        // The check above means something: the same builder fails on a store Kafka Streams would name.
        StreamsBuilder builder = strictBuilder();
        detected(builder).groupByKey().count();
        assertThatThrownBy(builder::build)
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("has not been named");
    }

    /** A bit of everything group F raises on, in event-time order. */
    private static List<NormalizedEvent> story() {
        Instant t = Instant.parse("2024-05-14T09:11:00Z");
        List<NormalizedEvent> events = new ArrayList<>(ForbiddenBurstTest.probe(ALPHA_DEPLOYER, t));
        events.add(RbacEvents.by(ALICE)
                .create("clusterrolebindings", null, "debug-access")
                .binding("ClusterRole", "cluster-admin", RbacEvents.user(ALICE.username()))
                .at(t.plusSeconds(200))
                .normalized());
        events.add(AuditEvents.by(ALICE)
                .create("pods", "alpha-prod", "debug")
                .podSpec(PodSpecs.privileged(null, "debug"))
                .at(t.plusSeconds(230))
                .normalized());
        events.add(FalcoEvents.sensitiveFileRead("beta-prod", "payments-api-6c9f7d8b4-k2x7q")
                .normalized());
        events.add(AuditEvents.by(
                        RbacEvents.podServiceAccount("beta-prod", "payments-api", "payments-api-6c9f7d8b4-k2x7q"))
                .list("secrets", "beta-prod")
                .at(FalcoEvents.T0.plusSeconds(12))
                .normalized());
        events.add(WorkloadEvents.deploymentWrite(ALPHA_DEPLOYER, "create", "alpha-prod", "web", PodSpecs.WEB_IMAGE)
                .at(t.plusSeconds(240))
                .normalized());
        events.add(WorkloadEvents.deploymentWrite(
                        ALPHA_DEPLOYER, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, WorkloadEvents.SOCAT_SIDECAR)
                .at(t.plusSeconds(250))
                .normalized());
        events.sort((a, b) -> a.time().compareTo(b.time()));
        return events;
    }

    private static List<String> groupF(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> StatefulDetectors.isObservation(a.detector()))
                .map(a -> a.detector() + " " + a.id())
                .toList();
    }

    @Test
    void rocksDbStoresAndInMemoryStoresRaiseTheSameAlerts() {
        List<Alert> inMemory = new ArrayList<>();
        List<Alert> onDisk = new ArrayList<>();
        try (TopologyRun run = TopologyRun.defaults(stateDir.resolve("memory"))) {
            inMemory.addAll(run.send(story()));
            inMemory.addAll(run.flush());
        }
        try (TopologyRun run = TopologyRun.persistent(stateDir.resolve("rocksdb"))) {
            onDisk.addAll(run.send(story()));
            onDisk.addAll(run.flush());
        }
        assertThat(groupF(inMemory))
                .extracting(s -> s.substring(0, s.indexOf(' ')))
                .containsExactlyInAnyOrder(
                        "runtime-then-api", "workload-container-added", "rbac-then-workload", "forbidden-burst");
        assertThat(groupF(onDisk)).isEqualTo(groupF(inMemory));
    }

    @Test
    void theFlushHorizonCoversTheLongestWindowAndItsGrace() {
        assertThat(new StatefulTopology(
                                DetectorRegistry.builtIn(),
                                DetectionListener.NONE,
                                DetectionTopology.StateStores.IN_MEMORY)
                        .flushHorizon())
                .as("the hour of repeated-denied-access and denied-by-unknown-identity, and their grace")
                .isGreaterThan(Duration.ofMinutes(65));
        assertThat(new StatefulTopology(
                                TopologyRun.detection("""
                detectors:
                  secret-enumeration: {window: 2h, grace: 10m}
                """),
                                DetectionListener.NONE,
                                DetectionTopology.StateStores.IN_MEMORY)
                        .flushHorizon())
                .isGreaterThan(Duration.ofMinutes(130));
        assertThat(new StatefulTopology(
                                TopologyRun.detection("""
                detectors:
                  repeated-denied-access: {window: 3h}
                """),
                                DetectionListener.NONE,
                                DetectionTopology.StateStores.IN_MEMORY)
                        .flushHorizon())
                .isGreaterThan(Duration.ofMinutes(185));
    }
}
