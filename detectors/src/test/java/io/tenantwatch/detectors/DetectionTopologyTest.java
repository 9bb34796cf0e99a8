package io.tenantwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.attribution.DirectoryTenancy;
import io.tenantwatch.detectors.attribution.LearnedTenancy;
import io.tenantwatch.detectors.inprocess.EventBatch;
import io.tenantwatch.detectors.inprocess.Handoff;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's own plumbing, with one test-only detector that alerts on every secret read:
 * deduplication on (cluster, id) within the window, attribution on the way to tw.attributed, and
 * alerts keyed by fingerprint on tw.alerts.
 */
class DetectionTopologyTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final TenancyConfig TENANCY = new TenancyConfig(
            null,
            List.of(
                    new TenancyConfig.Tenant(
                            "alpha", List.of("alpha-*"), List.of("alice@contoso.com"), null, null, null),
                    new TenancyConfig.Tenant("beta", List.of("beta-*"), List.of("bob@contoso.com"), null, null, null)),
            null,
            null);

    /** Alerts on every secret read; stands in for the catalogue so this test is about the plumbing. */
    private static final Detector SECRET_READS = new Detector() {
        private final DetectorSpec spec = DetectorSpec.of(
                "test-secret-read",
                DetectorGroup.CROSS_TENANT,
                Severity.LOW,
                "Credential Access",
                "T1552",
                "Secret read");

        @Override
        public DetectorSpec spec() {
            return spec;
        }

        @Override
        public Trigger trigger() {
            return Trigger.audit("secrets");
        }

        @Override
        public void examine(EventContext event, Consumer<Alert> alerts) {
            alerts.accept(AlertBuilder.of(spec, event).summary("secret read").build());
        }
    };

    /** Reports each actor's secret reads at most once an hour, like break-glass-admin. */
    private static final Detector HOURLY_PER_ACTOR = new Detector() {
        private final DetectorSpec spec = DetectorSpec.of(
                "test-hourly", DetectorGroup.RBAC, Severity.MEDIUM, "Privilege Escalation", "T1078", "Hourly");

        @Override
        public DetectorSpec spec() {
            return spec;
        }

        @Override
        public Trigger trigger() {
            return Trigger.audit("secrets");
        }

        @Override
        public Duration oncePer() {
            return Duration.ofHours(1);
        }

        @Override
        public void examine(EventContext event, Consumer<Alert> alerts) {
            alerts.accept(AlertBuilder.of(spec, event).fingerprintPerActor().build());
        }
    };

    @TempDir
    Path stateDir;

    private final List<String> duplicates = new ArrayList<>();
    private final List<String> suppressed = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, NormalizedEvent> normalized;
    private TestOutputTopic<String, NormalizedEvent> attributed;
    private TestOutputTopic<String, Alert> alerts;

    /** Where the topology under test keeps its state; {@link InMemoryDetectionTopologyTest} runs every test in memory. */
    DetectionTopology.StateStores stores() {
        return DetectionTopology.StateStores.PERSISTENT;
    }

    @BeforeEach
    void start() {
        DetectionListener listener = new DetectionListener() {
            @Override
            public void duplicate(NormalizedEvent event) {
                duplicates.add(event.id());
            }

            @Override
            public void repeatSuppressed(String detectorId) {
                suppressed.add(detectorId);
            }
        };
        DetectionTopology topology = new DetectionTopology(
                        TOPICS,
                        new Attributor(new StaticTenancy(TENANCY), ClusterTenancy.NONE),
                        new DetectorRegistry(List.of(SECRET_READS, HOURLY_PER_ACTOR)),
                        listener,
                        Duration.ofMinutes(10),
                        stores())
                .withAttributedExport(true);
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("unused:9092"), stateDir.toString(), TOPICS);
        driver = new TopologyTestDriver(topology.build(), props);
        normalized = driver.createInputTopic(
                TOPICS.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer());
        attributed = driver.createOutputTopic(
                TOPICS.attributed(),
                Serdes.String().deserializer(),
                JsonSerde.normalizedEvent().deserializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                JsonSerde.alert().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static NormalizedEvent secretRead(String auditId, String user, String namespace, Instant time) {
        return request(
                auditId,
                user,
                "ResponseComplete",
                "get",
                new ResourceRef("", "secrets", null, namespace, "db-credentials"),
                "/api/v1/namespaces/" + namespace + "/secrets/db-credentials",
                time);
    }

    /** One counted stage of {@code kubectl exec web-0 -- COMMAND} by alice in beta-prod. */
    private static NormalizedEvent exec(String auditId, String stage, String command, Instant time) {
        return request(
                auditId,
                "alice@contoso.com",
                stage,
                "create",
                new ResourceRef("", "pods", "exec", "beta-prod", "web-0"),
                "/api/v1/namespaces/beta-prod/pods/web-0/exec?command=" + command
                        + "&container=web&stdin=true&stdout=true&tty=true",
                time);
    }

    private static NormalizedEvent request(
            String auditId, String user, String stage, String verb, ResourceRef resource, String uri, Instant time) {
        return new NormalizedEvent(
                auditId,
                NormalizedEvent.SOURCE_AUDIT,
                "aks-prod",
                null,
                time,
                auditId,
                stage,
                new Actor(
                        user,
                        null,
                        List.of("system:authenticated"),
                        null,
                        null,
                        ActorType.USER,
                        null,
                        null,
                        null,
                        null),
                verb,
                resource,
                uri,
                "allow",
                200,
                List.of("20.61.18.4"),
                "kubectl/v1.30.4",
                Map.of("authorization.k8s.io/decision", "allow"),
                null,
                null,
                null,
                null,
                null);
    }

    private List<String> attributedIds() {
        return attributed.readValuesToList().stream().map(NormalizedEvent::id).toList();
    }

    private void send(NormalizedEvent event) {
        normalized.pipeInput(event.partitionKey(), event, event.time());
    }

    /** The alerts of one detector, in order. */
    private List<Alert> alertsOf(String detector) {
        return alerts.readValuesToList().stream()
                .filter(a -> a.detector().equals(detector))
                .toList();
    }

    @Test
    void aOncePerPeriodFindingAlertsOnceAnHourWhateverNamespaceItComesFrom() {
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));
        send(secretRead("a2", "alice@contoso.com", "gamma-prod", T0.plus(Duration.ofMinutes(10))));
        send(secretRead("a3", "bob@contoso.com", "beta-prod", T0.plus(Duration.ofMinutes(20))));
        send(secretRead("a4", "alice@contoso.com", "beta-prod", T0.plus(Duration.ofMinutes(61))));

        assertThat(alertsOf("test-hourly"))
                .extracting(a -> a.evidence().auditIds().get(0))
                .containsExactly("a1", "a3", "a4");
        assertThat(suppressed).containsExactly("test-hourly");
    }

    @Test
    void aCopyOfAnEventAlertsOnce() {
        NormalizedEvent first = secretRead("a1", "alice@contoso.com", "beta-prod", T0);
        send(first);
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));

        assertThat(alertsOf("test-secret-read")).hasSize(1);
        assertThat(duplicates).containsExactly("a1");
        assertThat(attributed.readValuesToList()).hasSize(1);
    }

    @Test
    void aRequestThatReusesAnotherRequestsAuditIdIsExaminedOnItsOwn() {
        // The API server takes the auditID from a client's Audit-ID header: a harmless request and a
        // harmful one seconds later may share it, and the second must not pass for a copy.
        send(secretRead("chosen-id", "alice@contoso.com", "alpha-dev", T0));
        send(secretRead("chosen-id", "alice@contoso.com", "beta-prod", T0.plusSeconds(2)));
        send(secretRead("chosen-id", "alice@contoso.com", "beta-prod", T0.plusMillis(2_001)));

        assertThat(alertsOf("test-secret-read"))
                .extracting(Alert::namespace)
                .containsExactly("alpha-dev", "beta-prod", "beta-prod");
        // receivers deduplicate on the alert id: each request's alert needs its own
        assertThat(alertsOf("test-secret-read")).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(duplicates).isEmpty();
    }

    @Test
    void theTwoStagesOfAnExecAreCopiesAnywhereWithinTheWindowOnEitherSideAndNotBeyondIt() {
        // The window is 10 minutes; the store buckets entries by half of it, so these stages fall in
        // other buckets than their first and on both sides of bucket boundaries.
        send(exec("late-copy", "ResponseStarted", "sh", T0.plusSeconds(290)));
        send(exec("early-copy", "ResponseComplete", "sh", T0.plus(Duration.ofMinutes(9))));
        send(exec("late-copy", "ResponseComplete", "sh", T0.plus(Duration.ofMinutes(14))));
        send(exec("early-copy", "ResponseStarted", "sh", T0.plusSeconds(301)));
        send(exec("too-late", "ResponseStarted", "sh", T0));
        send(exec(
                "too-late",
                "ResponseComplete",
                "sh",
                T0.plus(Duration.ofMinutes(10).plusMillis(1))));
        // Stream time 14 minutes past the first stage: it is still remembered.
        send(exec("late-copy", "ResponseStarted", "sh", T0.plusSeconds(291)));

        assertThat(duplicates).containsExactly("late-copy", "early-copy", "late-copy");
        assertThat(attributedIds()).containsExactly("late-copy", "early-copy", "too-late", "too-late");
    }

    @Test
    void anExecThatReusesAnotherExecsAuditIdWithAnotherCommandIsNoCopy() {
        send(exec("chosen-id", "ResponseStarted", "ls", T0));
        send(exec("chosen-id", "ResponseStarted", "cat%20%2Fvar%2Frun%2Fsecrets%2Ftoken", T0.plusSeconds(30)));
        send(exec("chosen-id", "ResponseComplete", "ls", T0.plusSeconds(40)));

        assertThat(duplicates).as("the ls session's own second stage").containsExactly("chosen-id");
        assertThat(attributed.readValuesToList())
                .extracting(NormalizedEvent::requestURI)
                .containsExactly(
                        exec("chosen-id", "ResponseStarted", "ls", T0).requestURI(),
                        exec("chosen-id", "ResponseStarted", "cat%20%2Fvar%2Frun%2Fsecrets%2Ftoken", T0)
                                .requestURI());
    }

    @Test
    void anEntryIsForgottenOnceStreamTimeIsTwoWindowsPastIt() {
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));
        send(secretRead("a2", "alice@contoso.com", "beta-prod", T0.plus(Duration.ofMinutes(30))));
        // A copy of the first a1, but stream time has moved on: the state stays bounded.
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));

        assertThat(duplicates).isEmpty();
        assertThat(attributedIds()).containsExactly("a1", "a2", "a1");
    }

    @Test
    void theSameIdInAnotherClusterIsNotADuplicate() {
        NormalizedEvent a = secretRead("a1", "alice@contoso.com", "beta-prod", T0);
        NormalizedEvent other = new NormalizedEvent(
                "a1",
                a.source(),
                "aks-dev",
                null,
                a.time(),
                "a1",
                a.stage(),
                a.actor(),
                a.verb(),
                a.resource(),
                a.requestURI(),
                a.decision(),
                a.code(),
                a.sourceIPs(),
                a.userAgent(),
                a.annotations(),
                null,
                null,
                null,
                null,
                null);
        send(a);
        send(other);
        assertThat(alertsOf("test-secret-read")).extracting(Alert::cluster).containsExactly("aks-prod", "aks-dev");
    }

    @Test
    void anExecStageSeenAgainAfterTheWindowCountsAgain() {
        send(exec("a1", "ResponseStarted", "sh", T0));
        send(secretRead("a2", "alice@contoso.com", "beta-prod", T0.plus(Duration.ofMinutes(30))));
        send(exec("a1", "ResponseComplete", "sh", T0.plus(Duration.ofMinutes(31))));
        assertThat(attributedIds()).containsExactly("a1", "a2", "a1");
        assertThat(duplicates).isEmpty();
    }

    @Test
    void theDedupWindowIsExactNotRoundedToTheBucket() {
        // stored per bucket for speed, compared to the millisecond
        Instant t = T0.plusSeconds(45);
        send(exec("a1", "ResponseStarted", "sh", t));
        send(exec("a1", "ResponseComplete", "sh", t.plus(Duration.ofMinutes(10)).plusSeconds(5)));
        send(exec("a2", "ResponseComplete", "sh", t.plus(Duration.ofMinutes(12))));
        send(exec("a2", "ResponseStarted", "sh", t.plus(Duration.ofMinutes(2)).plusSeconds(1)));
        assertThat(attributedIds()).containsExactly("a1", "a1", "a2");
        assertThat(duplicates)
                .as("the early stage of a2, 9m59s before the first")
                .containsExactly("a2");
    }

    @Test
    void eventsAreAttributedOnTheirWayToTheAttributedTopic() {
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));
        KeyValue<String, NormalizedEvent> record = attributed.readKeyValue();
        assertThat(record.key).isEqualTo("aks-prod/beta-prod");
        assertThat(record.value.targetTenant()).isEqualTo("beta");
        assertThat(record.value.actorTenants()).containsExactly("alpha");
        assertThat(record.value.tenancySource()).isEqualTo("file");
        assertThat(record.value.actor().actorClass()).isEqualTo(ActorClass.TENANT_MEMBER);
        assertThat(ContractSchemas.NORMALIZED_EVENT.problems(record.value)).isEmpty();
    }

    @Test
    void jsonRecordsOf01OnTheNormalizedTopicAreStillDetectedAndTheAttributedTopicStaysJson() {
        TestInputTopic<String, NormalizedEvent> json01 = driver.createInputTopic(
                TOPICS.normalized(),
                Serdes.String().serializer(),
                JsonSerde.normalizedEvent().serializer());
        NormalizedEvent old = secretRead("a1", "alice@contoso.com", "beta-prod", T0);
        json01.pipeInput(old.partitionKey(), old, old.time());
        send(secretRead("a2", "alice@contoso.com", "beta-prod", T0.plusSeconds(5)));

        assertThat(alertsOf("test-secret-read"))
                .extracting(a -> a.evidence().auditIds().get(0))
                .containsExactly("a1", "a2");
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(
                TOPICS.attributed(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        assertThat(raw.readValuesToList()).extracting(bytes -> (char) bytes[0]).containsExactly('{', '{');
    }

    @Test
    void alertsAreKeyedByFingerprintAndFollowTheContract() {
        send(secretRead("a1", "alice@contoso.com", "beta-prod", T0));
        send(secretRead("a2", "alice@contoso.com", "beta-prod", T0.plusSeconds(5)));
        List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList().stream()
                .filter(kv -> kv.value.detector().equals("test-secret-read"))
                .toList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).key).isEqualTo(out.get(0).value.fingerprint()).isEqualTo(out.get(1).key);
        assertThat(out.get(0).value.id()).isNotEqualTo(out.get(1).value.id());
        assertThat(out.get(0).value.time()).isEqualTo(T0);
        assertThat(out.get(0).value.tenant()).isEqualTo("beta");
        out.forEach(kv -> assertThat(ContractSchemas.ALERT.problems(kv.value)).isEmpty());
    }

    @Test
    void eventsForOtherResourcesNeverReachTheDetector() {
        NormalizedEvent e = secretRead("a1", "alice@contoso.com", "beta-prod", T0);
        send(new NormalizedEvent(
                "a9",
                e.source(),
                e.cluster(),
                null,
                T0,
                "a9",
                e.stage(),
                e.actor(),
                "get",
                new ResourceRef("", "configmaps", null, "beta-prod", "settings"),
                null,
                "allow",
                200,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void everyProcessorAndStoreIsNamedAndTheServiceRunsExactlyOnce() {
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("kafka:9092"), stateDir.toString(), TOPICS);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG))
                .isEqualTo(true);

        TopologyDescription description = new DetectionTopology(
                        TOPICS,
                        new Attributor(new StaticTenancy(TenancyConfig.EMPTY), ClusterTenancy.NONE),
                        new DetectorRegistry(List.of()),
                        DetectionListener.NONE,
                        Duration.ofMinutes(10))
                .withAttributedExport(true)
                .build()
                .describe();
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        assertThat(names)
                .contains(
                        "normalized-source",
                        "dedupe",
                        "attribute",
                        "detect",
                        "once-per",
                        "once-per-alerts-sink",
                        "attributed-sink",
                        "alerts-sink")
                .noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
    }

    @Test
    void everyTaskReadsOnePartitionSoTheServiceNeedsNoIdling() {
        // Idling is off in the service (it only aligns the partitions of a task that reads several);
        // a subtopology reading two topics would need it back.
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("kafka:9092"), stateDir.toString(), TOPICS);
        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

        LearnedTenancy learned = new LearnedTenancy();
        DirectoryTenancy directory = new DirectoryTenancy(learned);
        TopologyDescription description = new DetectionTopology(
                        TOPICS,
                        new Attributor(new StaticTenancy(TenancyConfig.EMPTY), directory),
                        DetectorRegistry.builtIn(),
                        DetectionListener.NONE,
                        Duration.ofMinutes(10))
                .withTenancyDirectory(directory, Duration.ofSeconds(30))
                .withLearnedTenancy(learned)
                .withAttributedExport(true)
                .build()
                .describe();
        assertThat(description.subtopologies()).hasSizeGreaterThan(5);
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> read = new TreeSet<>();
            subtopology.nodes().stream()
                    .filter(TopologyDescription.Source.class::isInstance)
                    .forEach(n -> read.addAll(((TopologyDescription.Source) n).topicSet()));
            assertThat(read)
                    .as("topics read by subtopology %d", subtopology.id())
                    .hasSize(1);
        }
    }

    /** The topology as replay builds it: in memory, batches handed over by reference. */
    private static DetectionTopology inProcess() {
        return new DetectionTopology(
                        TOPICS,
                        new Attributor(new StaticTenancy(TenancyConfig.EMPTY), ClusterTenancy.NONE),
                        DetectorRegistry.builtIn(),
                        DetectionListener.NONE,
                        Duration.ofMinutes(10),
                        DetectionTopology.StateStores.IN_MEMORY)
                .inProcess(new Handoff<EventBatch>("batch"));
    }

    @Test
    void inOneTaskNothingGoesThroughARepartitionTopic() {
        assertThat(sinkTopics(inProcess().build().describe()))
                .noneMatch(topic -> topic.endsWith("-repartition"))
                .contains(TOPICS.alerts());
    }

    @Test
    void replaysTwoStagesMeetOnlyThroughTheHandOffAndRegroupNothingThroughTopics() {
        DetectionTopology topology = inProcess();
        TopologyDescription perEvent = topology.perEventStage(found -> {}).describe();
        TopologyDescription grouping = topology.groupingStage(new Handoff<>("batch"), JsonSerde.alert())
                .describe();

        assertThat(nodeNames(perEvent))
                .as("everything that consults tenancy, in event order")
                .contains("dedupe", "attribute", "detect", "hand-off-found")
                .doesNotContain("once-per", "alerts-sink");
        assertThat(sinkTopics(perEvent)).doesNotContain(TOPICS.alerts());
        assertThat(nodeNames(grouping))
                .contains("alerts-sink", "once-per", "stateful-actor-key")
                .doesNotContain("dedupe", "attribute", "detect");
        assertThat(sinkTopics(grouping)).contains(TOPICS.alerts()).noneMatch(topic -> topic.endsWith("-repartition"));
    }

    private static List<String> nodeNames(TopologyDescription description) {
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        return names;
    }

    private static Set<String> sinkTopics(TopologyDescription description) {
        Set<String> written = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().stream()
                .filter(TopologyDescription.Sink.class::isInstance)
                .forEach(n -> written.add(((TopologyDescription.Sink) n).topic())));
        return written;
    }

    @Test
    void attributedEventsAreWrittenOnlyWhenExported() {
        TopologyDescription description = new DetectionTopology(
                        TOPICS,
                        new Attributor(new StaticTenancy(TenancyConfig.EMPTY), ClusterTenancy.NONE),
                        new DetectorRegistry(List.of()),
                        DetectionListener.NONE,
                        Duration.ofMinutes(10))
                .build()
                .describe();
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        assertThat(names).contains("attribute", "alerts-sink").doesNotContain("attributed-sink");
    }
}
