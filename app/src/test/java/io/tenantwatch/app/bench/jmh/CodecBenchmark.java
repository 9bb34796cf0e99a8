package io.tenantwatch.app.bench.jmh;

import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
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

/**
 * The value serde of {@code tw.normalized}: Jackson databind (0.1's JSON) against the hand-written
 * binary codec, encoding and decoding the normalized events ingest makes of the bench's traffic.
 * The average record size of each is printed once per trial. Run with the command in
 * docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    @Param({"mix", "pod-create"})
    public String events;

    private static final String TOPIC = "tw.normalized";

    private final Serde<NormalizedEvent> json = JsonSerde.normalizedEvent();
    private final Serde<NormalizedEvent> binary = new NormalizedEventSerde();
    private final Serializer<NormalizedEvent> jsonWriter = json.serializer();
    private final Deserializer<NormalizedEvent> jsonReader = json.deserializer();
    private final Serializer<NormalizedEvent> binaryWriter = binary.serializer();
    private final Deserializer<NormalizedEvent> binaryReader = binary.deserializer();

    private List<NormalizedEvent> normalized;
    private List<byte[]> jsonRecords;
    private List<byte[]> binaryRecords;
    private int next;

    @Setup
    public void setUp() {
        normalized = Samples.normalize("mix".equals(events) ? Samples.mix(2000) : Samples.podCreates(500));
        jsonRecords = new ArrayList<>(normalized.size());
        binaryRecords = new ArrayList<>(normalized.size());
        long jsonBytes = 0;
        long binaryBytes = 0;
        for (NormalizedEvent e : normalized) {
            byte[] j = jsonWriter.serialize(TOPIC, e);
            byte[] b = binaryWriter.serialize(TOPIC, e);
            if (!binaryReader.deserialize(TOPIC, b).equals(e)) {
                throw new IllegalStateException("the binary codec changed event " + e.id());
            }
            jsonRecords.add(j);
            binaryRecords.add(b);
            jsonBytes += j.length;
            binaryBytes += b.length;
        }
        System.out.printf(
                "%n%s: %d events, bytes/event json %.1f, binary %.1f%n",
                events,
                normalized.size(),
                (double) jsonBytes / normalized.size(),
                (double) binaryBytes / normalized.size());
    }

    private int advance() {
        int i = next;
        next = next + 1 == normalized.size() ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public byte[] jsonEncode() {
        return jsonWriter.serialize(TOPIC, normalized.get(advance()));
    }

    @Benchmark
    public NormalizedEvent jsonDecode() {
        return jsonReader.deserialize(TOPIC, jsonRecords.get(advance()));
    }

    @Benchmark
    public byte[] binaryEncode() {
        return binaryWriter.serialize(TOPIC, normalized.get(advance()));
    }

    @Benchmark
    public NormalizedEvent binaryDecode() {
        return binaryReader.deserialize(TOPIC, binaryRecords.get(advance()));
    }
}
