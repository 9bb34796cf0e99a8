package io.tenantwatch.app.bench;

import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficRecord;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The generated traffic of one bench run, written once to a file and memory-mapped, so that every
 * measurement reads the same bytes and none of them sits on the heap being measured. Records are
 * read back one at a time into a reused buffer.
 */
final class TrafficFile implements AutoCloseable {

    /** Where a record is, how many events it holds and whether it is a Falco alert. */
    private final long[] offsets;

    private final int[] lengths;
    private final int[] events;
    private final boolean[] falco;
    /** Attack events by id (auditID or Falco uuid): the detector that must name it, or "" when none must. */
    private final Map<String, String> attacks;

    private final Path file;
    private final MappedByteBuffer mapped;
    private final int warmupRecords;
    private final long totalBytes;
    private byte[] buffer = new byte[64 * 1024];

    private TrafficFile(
            Path file,
            long[] offsets,
            int[] lengths,
            int[] events,
            boolean[] falco,
            Map<String, String> attacks,
            int warmupRecords)
            throws IOException {
        this.file = file;
        this.offsets = offsets;
        this.lengths = lengths;
        this.events = events;
        this.falco = falco;
        this.attacks = attacks;
        this.warmupRecords = warmupRecords;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            this.totalBytes = channel.size();
            this.mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, totalBytes);
        }
    }

    /**
     * Generates {@code warmupEvents} then {@code events} events into a temporary file, one record a line.
     *
     * @throws IllegalArgumentException when the traffic would not fit one mapping (2 GiB)
     */
    static TrafficFile generate(TrafficGenerator generator, long warmupEvents, long events, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "tenantwatch-bench-", ".jsonl");
            file.toFile().deleteOnExit();
            int capacity = 1024;
            long[] offsets = new long[capacity];
            int[] lengths = new int[capacity];
            int[] counts = new int[capacity];
            boolean[] falco = new boolean[capacity];
            Map<String, String> attacks = new HashMap<>();
            int records = 0;
            int warmupRecords = -1;
            long produced = 0;
            long offset = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                while (produced < warmupEvents + events) {
                    if (warmupRecords < 0 && produced >= warmupEvents) {
                        warmupRecords = records;
                    }
                    TrafficRecord r = generator.next();
                    if (records == capacity) {
                        capacity *= 2;
                        offsets = Arrays.copyOf(offsets, capacity);
                        lengths = Arrays.copyOf(lengths, capacity);
                        counts = Arrays.copyOf(counts, capacity);
                        falco = Arrays.copyOf(falco, capacity);
                    }
                    offsets[records] = offset;
                    lengths[records] = r.bytes().length;
                    counts[records] = r.events().size();
                    falco[records] = r.falco();
                    for (TrafficRecord.Event e : r.events()) {
                        if (e.attack()) {
                            attacks.put(e.id(), e.expected() == null ? "" : e.expected());
                        }
                    }
                    out.write(r.bytes());
                    out.write('\n');
                    offset += r.bytes().length + 1L;
                    if (offset > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("the traffic exceeds 2 GiB; ask for fewer events");
                    }
                    produced += r.events().size();
                    records++;
                }
            }
            return new TrafficFile(
                    file,
                    Arrays.copyOf(offsets, records),
                    Arrays.copyOf(lengths, records),
                    Arrays.copyOf(counts, records),
                    Arrays.copyOf(falco, records),
                    attacks,
                    warmupRecords < 0 ? records : warmupRecords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated traffic to " + dir, e);
        }
    }

    int records() {
        return offsets.length;
    }

    /** The first measured record: those before it warm the JIT up. */
    int firstMeasured() {
        return warmupRecords;
    }

    /** Events in records [from, to). */
    long events(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += events[i];
        }
        return n;
    }

    long bytes(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += lengths[i];
        }
        return n;
    }

    boolean falco(int record) {
        return falco[record];
    }

    int length(int record) {
        return lengths[record];
    }

    /** Records {@code [from, to)} read by ingest's {@code reader} into {@code sink}, in order. Not thread-safe. */
    void readInto(InputReader reader, SourceBinding binding, int from, int to, ReadSink sink) {
        for (int i = from; i < to; i++) {
            reader.read(read(i), 0, length(i), binding, sink);
        }
    }

    /** Record {@code i} in a buffer reused by the next call: {@code [0, length(i))}. Not thread-safe. */
    byte[] read(int i) {
        int length = lengths[i];
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
        }
        mapped.get((int) offsets[i], buffer, 0, length);
        return buffer;
    }

    /** Record {@code i} in a fresh array of its own. */
    byte[] copy(int i) {
        byte[] bytes = new byte[lengths[i]];
        mapped.get((int) offsets[i], bytes, 0, bytes.length);
        return bytes;
    }

    /** The detector that must name attack event {@code id}: null for benign events, "" when none must. */
    String expected(String id) {
        return attacks.get(id);
    }

    /** Attack events that a detector must name. */
    long expectedCount() {
        return attacks.values().stream().filter(d -> !d.isEmpty()).count();
    }

    long sizeBytes() {
        return totalBytes;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; deleteOnExit tries again
        }
    }
}
