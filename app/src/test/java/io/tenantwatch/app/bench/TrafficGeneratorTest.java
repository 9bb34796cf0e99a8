package io.tenantwatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficRecord;
import io.tenantwatch.app.bench.traffic.TrafficSpec;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generator that bench and the noise budget share: deterministic per seed, every record read
 * by ingest's reader as counted events (nothing rejected), workload creates with full pod specs
 * of 1–3 KB, attacks at the rate asked for, and a tenancy file that maps every namespace.
 */
class TrafficGeneratorTest {

    static final TrafficSpec SPEC = TrafficSpec.benign(42, 8, 40, 400).withRates(0.05, 0.01);

    /** What ingest made of the records: events, and skips and rejections by reason. */
    record Read(List<NormalizedEvent> events, Map<Reason, Integer> outcomes) {}

    static Read read(List<TrafficRecord> records) {
        InputReader reader = new InputReader();
        List<NormalizedEvent> events = new ArrayList<>();
        Map<Reason, Integer> outcomes = new EnumMap<>(Reason.class);
        ReadSink sink = new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                events.add(e);
            }

            @Override
            public void skipped(Reason reason, String detail) {
                outcomes.merge(reason, 1, Integer::sum);
            }

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {
                outcomes.merge(reason, 1, Integer::sum);
            }
        };
        for (TrafficRecord r : records) {
            reader.read(r.bytes(), SourceBinding.fixed(ClusterModel.CLUSTER), sink);
        }
        return new Read(events, outcomes);
    }

    static List<TrafficRecord> take(TrafficGenerator generator, int n) {
        List<TrafficRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(generator.next());
        }
        return records;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        List<TrafficRecord> a = take(new TrafficGenerator(SPEC), 2000);
        List<TrafficRecord> b = take(new TrafficGenerator(SPEC), 2000);
        List<TrafficRecord> c =
                take(new TrafficGenerator(TrafficSpec.benign(43, 8, 40, 400).withRates(0.05, 0.01)), 2000);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).bytes()).isEqualTo(a.get(i).bytes());
        }
        assertThat(c.get(0).bytes()).isNotEqualTo(a.get(0).bytes());
    }

    @Test
    void everyAuditRecordBecomesAnEventAndAnExecsCompletionRepeatsItsStart() {
        List<TrafficRecord> records = take(new TrafficGenerator(SPEC), 5000);
        Read read = read(records);
        long generated = records.stream().mapToLong(r -> r.events().size()).sum();
        // An exec is logged at ResponseStarted and ResponseComplete: ingest passes both, and deduplication on the
        // auditID keeps the first (docs/detectors.md, "Counted audit event").
        assertThat(read.outcomes()).isEmpty();
        assertThat(read.events()).hasSize((int) generated);
        assertThat(read.events()).allSatisfy(e -> assertThat(e.cluster()).isEqualTo(ClusterModel.CLUSTER));
        Set<String> started = read.events().stream()
                .filter(e -> "ResponseStarted".equals(e.stage()))
                .map(NormalizedEvent::auditId)
                .collect(Collectors.toSet());
        assertThat(read.events())
                .filteredOn(e -> "ResponseComplete".equals(e.stage())
                        && "exec".equals(e.resource().subresource()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(started).contains(e.auditId()));
    }

    @Test
    void aksBodiesCarryTenRecordsEachAndReadTheSame() {
        List<TrafficRecord> records = take(new TrafficGenerator(SPEC.withFormat(TrafficSpec.Format.AKS)), 500);
        Read read = read(records);
        assertThat(records)
                .filteredOn(r -> !r.falco())
                .allSatisfy(r -> assertThat(r.events().size()).isBetween(1, 10));
        assertThat(records)
                .filteredOn(r -> !r.falco())
                .extracting(r -> r.events().size())
                .contains(10);
        assertThat(read.outcomes()).isEmpty();
        assertThat(read.events()).filteredOn(e -> e.clusterResourceId() != null).isNotEmpty();
    }

    @Test
    void workloadCreatesCarryFullPodSpecsOfOneToThreeKilobytes() {
        List<TrafficRecord> records = take(new TrafficGenerator(TrafficSpec.benign(5, 8, 40, 400)), 20_000);
        List<TrafficRecord> podCreates = records.stream()
                .filter(
                        r -> new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8)
                                .contains(
                                        "\"verb\":\"create\",\"user\":{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\""))
                .toList();
        assertThat(podCreates).hasSizeGreaterThan(50);
        assertThat(podCreates).allSatisfy(r -> assertThat(r.bytes().length).isBetween(1024, 3 * 1024 + 512));
        Read read = read(podCreates);
        assertThat(read.events()).allSatisfy(e -> assertThat(e.facts()).isNotNull());
    }

    @Test
    void attacksComeAtTheRateAskedForAndEveryTraceKindAppears() {
        List<TrafficRecord> records = take(new TrafficGenerator(SPEC), 10_000);
        long attacks = records.stream()
                .filter(r -> !r.falco())
                .flatMap(r -> r.events().stream())
                .filter(TrafficRecord.Event::attack)
                .count();
        long falco = records.stream().filter(TrafficRecord::falco).count();
        assertThat(attacks).isBetween(400L, 600L);
        assertThat(falco).isBetween(60L, 140L);
        Set<String> detectors = new HashSet<>();
        records.forEach(r -> r.events().forEach(e -> {
            if (e.expected() != null) {
                detectors.add(e.expected());
            }
        }));
        assertThat(detectors).hasSize(21).contains("cross-tenant-exec", "falco-runtime", "privileged-container");
    }

    @Test
    void theTenancyFileMapsEveryNamespaceToItsTenant() throws Exception {
        TrafficGenerator generator = new TrafficGenerator(SPEC);
        TenancyConfig config = generator.model().tenancy();
        StaticTenancy tenancy = new StaticTenancy(config);
        for (ClusterModel.Namespace ns : generator.model().namespaces()) {
            assertThat(tenancy.namespace(ClusterModel.CLUSTER, ns.name()).tenant())
                    .isEqualTo(ns.tenant().name());
        }
        for (ClusterModel.Tenant t : generator.model().tenants()) {
            assertThat(tenancy.namespace(ClusterModel.CLUSTER, t.ci().namespace())
                            .tenant())
                    .isEqualTo(t.name());
        }
    }
}
