package io.tenantwatch.app.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse of one event: Jackson's tokenization alone (the ceiling, bench's parse-only) against
 * ingest's InputReader (parse, normalize, extract facts, redact) on the same bytes. Run with the
 * command in docs/PERFORMANCE.md; never part of the build's tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

    @Param({"mix", "pod-create"})
    public String events;

    private List<byte[]> records;
    private int next;
    private final JsonFactory factory = Json.mapper().getFactory();
    private final InputReader reader = new InputReader();
    private final SourceBinding binding = SourceBinding.fixed("aks-bench");

    @Setup
    public void setUp() {
        records = "mix".equals(events) ? Samples.mix(2000) : Samples.podCreates(500);
    }

    private byte[] nextRecord() {
        byte[] r = records.get(next);
        next = next + 1 == records.size() ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public long tokenizeOnly() throws IOException {
        long tokens = 0;
        try (JsonParser p = factory.createParser(nextRecord())) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public void inputReader(Blackhole bh) {
        reader.read(nextRecord(), binding, new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                bh.consume(e);
            }

            @Override
            public void skipped(Reason reason, String detail) {
                bh.consume(reason);
            }

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {
                bh.consume(reason);
            }
        });
    }
}
