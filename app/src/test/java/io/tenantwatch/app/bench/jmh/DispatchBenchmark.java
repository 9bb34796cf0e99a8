package io.tenantwatch.app.bench.jmh;

import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.StaticTenancy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Detector dispatch on attributed events of the bench's realistic mix: attribution (tenancy of
 * the namespace and the actor), then every enabled detector that the (source, resource) index
 * selects, with the default configuration. Run with the command in docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {

    private final List<NormalizedEvent> raw = new ArrayList<>();
    private final List<NormalizedEvent> attributed = new ArrayList<>();
    private Attributor attributor;
    private ConfiguredDetectors detection;
    private int next;

    @Setup
    public void setUp() {
        TrafficGenerator generator = new TrafficGenerator(Samples.SPEC);
        attributor = new Attributor(new StaticTenancy(generator.model().tenancy()), ClusterTenancy.NONE);
        detection = ConfiguredDetectors.build(BuiltInDetectors.definitions(), DetectorConfig.DEFAULTS);
        raw.addAll(Samples.normalize(Samples.mix(5000)));
        raw.forEach(e -> attributed.add(attributor.attribute(e)));
    }

    private int advance() {
        int i = next;
        next = next + 1 == raw.size() ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public NormalizedEvent attribute() {
        return attributor.attribute(raw.get(advance()));
    }

    @Benchmark
    public void detect(Blackhole bh) {
        detection.detect(new EventContext(attributed.get(advance()), attributor), DetectionListener.NONE, bh::consume);
    }
}
