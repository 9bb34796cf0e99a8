package io.tenantwatch.app.bench.jmh;

import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficRecord;
import io.tenantwatch.app.bench.traffic.TrafficSpec;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Events of the bench's generator for the microbenchmarks: a realistic mix, or one kind of event. */
final class Samples {

    static final TrafficSpec SPEC = TrafficSpec.benign(11, 20, 200, 2000).withRates(0.01, 0.01);

    private Samples() {}

    /** The first {@code n} records (falco included) whose text matches {@code filter}. */
    static List<byte[]> records(int n, Predicate<String> filter) {
        TrafficGenerator generator = new TrafficGenerator(SPEC);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n && i < 1_000_000; i++) {
            TrafficRecord r = generator.next();
            if (filter.test(new String(r.bytes(), StandardCharsets.UTF_8))) {
                out.add(r.bytes());
            }
        }
        return out;
    }

    static List<byte[]> mix(int n) {
        return records(n, s -> true);
    }

    /** Pods created by the ReplicaSet controller: full pod specs, the largest common events. */
    static List<byte[]> podCreates(int n) {
        return records(
                n,
                s -> s.contains("\"verb\":\"create\"")
                        && s.contains("replicaset-controller\",")
                        && s.contains("\"objectRef\":{\"resource\":\"pods\""));
    }

    /** The records as ingest's reader normalizes them for cluster aks-bench (what reaches tw.normalized). */
    static List<NormalizedEvent> normalize(List<byte[]> records) {
        List<NormalizedEvent> out = new java.util.ArrayList<>();
        InputReader reader = new InputReader();
        ReadSink sink = new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                out.add(e);
            }

            @Override
            public void skipped(Reason reason, String detail) {}

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {}
        };
        for (byte[] r : records) {
            reader.read(r, SourceBinding.fixed("aks-bench"), sink);
        }
        return out;
    }
}
