package io.tenantwatch.app.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.bench.BenchCommand;
import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficSpec;
import io.tenantwatch.app.replay.InProcessDetection;
import io.tenantwatch.app.service.AlertingConfig;
import io.tenantwatch.app.service.DetectConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaCallException;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.DeniedRequests;
import io.tenantwatch.testkit.events.NamespaceAuditEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and the service decide identically: one generated stream of a multi-tenant cluster
 * (benign traffic, attack traces, Falco alerts), with re-sent duplicates and events that arrive
 * out of order, goes through the in-process topology that {@code replay} runs and through the
 * service on its broker with two partitions; both must raise the same alerts, by id.
 *
 * <p>The service is fed a few seconds of event time at a time, as clusters send: its partitions are
 * processed independently, and a backlog of slow traffic read all at once can put one partition
 * minutes of event time ahead of another, more than group F's grace, which replay (one ordered
 * stream) never sees. docs/architecture.md, "Event time across partitions", says what that means
 * for operators.
 */
class ReplayServiceEquivalenceTest {

    private static final int RECORDS = 6_000;
    /**
     * Forty events a second: the stream spans two and a half minutes of event time, long enough
     * for the one-minute windows below to close. (A slower cluster would squeeze hundreds of events
     * into what the service takes in one batch, and a batch can run ahead of another source of the
     * same task by more than the grace: a rate no cluster has.)
     */
    private static final double CLUSTER_RATE = 40;

    @TempDir
    Path dir;

    @Test
    void replayAndTheServiceRaiseTheSameAlerts() throws Exception {
        TrafficGenerator generator = new TrafficGenerator(new TrafficSpec(
                17, 6, 24, 60, 0.03, 0.02, TrafficSpec.Format.AUDIT, TrafficSpec.DEFAULT_START, CLUSTER_RATE));
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < RECORDS && generator.hasNext(); i++) {
            records.add(generator.next().bytes());
        }
        // A stolen token probing: twelve denials three seconds apart, ten seconds in, among the
        // traffic of their time. The stream goes on for long enough to close their window.
        for (int i = 0; i < 12; i++) {
            int second = 10 + 3 * i;
            String probe = DeniedRequests.event(i, TrafficSpec.DEFAULT_START.plusSeconds(second));
            records.add((int) (second * CLUSTER_RATE) + i, probe.getBytes(StandardCharsets.UTF_8));
        }
        // An audit-only deployment learns tenancy from the stream: a namespace the file does not
        // know, created with a tenant label at 20 s, and someone of another tenant exec'ing into it
        // at 30 s (far enough apart that the disorder below never swaps them).
        ClusterModel.Tenant owner = generator.model().tenants().get(0);
        ClusterModel.Person intruder =
                generator.model().tenants().get(1).people().get(0);
        records.add(
                (int) (20 * CLUSTER_RATE),
                NamespaceAuditEvents.created(
                                "4c1f7a2e-0b9d-4e3a-8f61-2d5c7b9e0a13",
                                TrafficSpec.DEFAULT_START.plusSeconds(20),
                                LEARNED_NAMESPACE,
                                "9d3e5f71-2a4b-4c6d-8e0f-1a2b3c4d5e6f",
                                Map.of("tenantwatch.io/tenant", owner.name()))
                        .getBytes(StandardCharsets.UTF_8));
        records.add(
                (int) (30 * CLUSTER_RATE),
                NamespaceAuditEvents.execInto(
                                "6a8b0c2d-4e6f-4a1b-9c3d-5e7f9a1b3c5d",
                                TrafficSpec.DEFAULT_START.plusSeconds(30),
                                LEARNED_NAMESPACE,
                                "api-0",
                                intruder.username(),
                                List.of(intruder.tenant().groupOid(), "system:authenticated"))
                        .getBytes(StandardCharsets.UTF_8));
        List<NormalizedEvent> events = read(disorder(records));
        TenancyConfig tenancy = generator.model().tenancy();
        DetectorConfig detectors = minuteWindows(BenchCommand.benchDefaults());

        List<Alert> replayed = replay(events, tenancy, detectors);
        List<Alert> served = serve(events, tenancy, detectors);

        assertThat(replayed)
                .extracting(Alert::detector)
                .as("the stream raises single-event, Falco, windowed and sequence alerts")
                .contains("cross-tenant-exec", "falco-runtime", "forbidden-burst", "rbac-then-workload");
        assertThat(replayed)
                .as("the namespace created with a tenant label is that tenant's, learned from the stream")
                .filteredOn(a -> LEARNED_NAMESPACE.equals(a.namespace()))
                .extracting(a -> a.detector() + " " + a.tenant())
                .contains("cross-tenant-exec " + owner.name())
                .noneMatch(a -> a.startsWith("unmapped-namespace"));
        assertThat(ids(served)).isEqualTo(ids(replayed));
    }

    private static final String LEARNED_NAMESPACE = "sandbox-learned";

    /**
     * The bench's settings with group F's windows and grace shortened to a minute, so that a
     * stream of a few thousand events sees windows and sequences close inside it.
     */
    private static DetectorConfig minuteWindows(DetectorConfig config) {
        Map<String, DetectorConfig.DetectorSettings> settings = new java.util.HashMap<>(config.detectors());
        Map<String, Object> minute = Map.of("window", "1m", "grace", "1m");
        for (String id : List.of(
                "forbidden-burst",
                "repeated-denied-access",
                "denied-by-unknown-identity",
                "secret-enumeration",
                "rbac-then-workload")) {
            settings.put(id, new DetectorConfig.DetectorSettings(true, null, minute));
        }
        settings.put(
                "runtime-then-api",
                new DetectorConfig.DetectorSettings(true, null, Map.of("window", "30s", "grace", "1m")));
        return new DetectorConfig(settings, config.exceptions(), config.tenants(), config.customRules());
    }

    /**
     * The records as a network delivers them: 40 sent twice (a sender's retry, up to 200 records
     * later) and 60 delayed by up to 100 records (half a second of event time).
     */
    private static List<byte[]> disorder(List<byte[]> records) {
        Random random = new Random(23);
        List<byte[]> out = new ArrayList<>(records);
        for (int i = 0; i < 60; i++) {
            int from = random.nextInt(out.size() - 100);
            out.add(from + 1 + random.nextInt(100), out.remove(from));
        }
        for (int i = 0; i < 40; i++) {
            int from = random.nextInt(out.size() - 200);
            out.add(from + 1 + random.nextInt(200), out.get(from));
        }
        return out;
    }

    private static List<NormalizedEvent> read(List<byte[]> records) {
        List<NormalizedEvent> events = new ArrayList<>();
        InputReader reader = new InputReader();
        SourceBinding binding = SourceBinding.service(ClusterModel.CLUSTER, Map.of());
        ReadSink sink = new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                events.add(e);
            }

            @Override
            public void skipped(Reason reason, String detail) {}

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {
                throw new AssertionError("generated traffic was rejected: " + reason + " " + detail);
            }
        };
        for (byte[] record : records) {
            reader.read(record, binding, sink);
        }
        return events;
    }

    private static List<Alert> replay(List<NormalizedEvent> events, TenancyConfig tenancy, DetectorConfig detectors) {
        List<Alert> alerts = new ArrayList<>();
        try (InProcessDetection detection = InProcessDetection.start(
                tenancy,
                ConfiguredDetectors.build(BuiltInDetectors.definitions(), detectors),
                DetectionListener.NONE)) {
            events.forEach(e -> alerts.addAll(detection.submit(e)));
            alerts.addAll(detection.flush());
            assertThat(detection.failures().records())
                    .as(
                            "records a processor failed on: %s",
                            detection.failures().first())
                    .isZero();
        }
        return alerts;
    }

    private List<Alert> serve(List<NormalizedEvent> events, TenancyConfig tenancy, DetectorConfig detectors)
            throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        ServiceConfig config = ServiceConfig.builder(dir.resolve("data"))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .tenancy(tenancy)
                .detect(DetectConfig.DEFAULTS.withDetectors(detectors, null))
                .alerting(AlertingConfig.OUTPUT_ONLY)
                .build();
        try (TenantWatchService service = new TenantWatchService(config).start(alerts::add)) {
            assertThat(service.awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
            try (KafkaEventWriter writer = new KafkaEventWriter(
                    KafkaEventWriter.producerProperties(service.bootstrapServers()),
                    service.topics(),
                    KafkaEventWriter.DEFAULT_MAX_IN_FLIGHT_RECORDS)) {
                for (int i = 0; i < events.size(); i += 100) {
                    KafkaCallException.await(
                            writer.write(events.subList(i, Math.min(events.size(), i + 100)), List.of()),
                            Duration.ofSeconds(30),
                            "write events");
                    // As a cluster sends them: a few seconds of events at a time, not the whole
                    // stream at once (see CLUSTER_RATE).
                    assertThat(service.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
                }
            }
            assertThat(service.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
        }
        return alerts;
    }

    private static TreeSet<String> ids(List<Alert> alerts) {
        TreeSet<String> ids = new TreeSet<>();
        alerts.forEach(a -> ids.add(a.detector() + " " + a.id()));
        return ids;
    }
}
