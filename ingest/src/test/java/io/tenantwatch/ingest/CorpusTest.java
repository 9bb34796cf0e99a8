package io.tenantwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.ingest.replay.FileSource;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.codec.NormalizedEventCodec;
import io.tenantwatch.testkit.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every file of the shared corpus on its own and checks it against
 * corpus-expectations.tsv: how many events, and which skips and rejections by reason.
 */
class CorpusTest {

    private record Expectation(
            boolean input, int events, Map<String, Integer> skipped, Map<String, Integer> rejected) {}

    private static final FileSource SOURCE = new FileSource(new InputReader());

    @Test
    void everyCorpusFileIsListedAndEveryListedFileExists() throws IOException {
        Map<String, Expectation> expected = expectations();
        List<String> files = corpusFiles();
        assertThat(files)
                .as("corpus files missing from corpus-expectations.tsv")
                .isSubsetOf(expected.keySet());
        assertThat(expected.keySet())
                .as("corpus-expectations.tsv rows without a file")
                .isSubsetOf(files);
    }

    @TestFactory
    Stream<DynamicTest> eachFileGivesTheExpectedOutcome() throws IOException {
        Map<String, Expectation> expected = expectations();
        return corpusFiles().stream()
                .filter(f -> expected.containsKey(f) && expected.get(f).input())
                .map(f -> DynamicTest.dynamicTest(f, () -> check(f, expected.get(f))));
    }

    private static void check(String file, Expectation want) throws IOException {
        CollectingSink sink = new CollectingSink();
        SOURCE.read(Corpus.file(file), SourceBinding.fixed("default"), sink);
        assertThat(sink.events).as(file + ": " + sink.summary()).hasSize(want.events());
        assertThat(CollectingSink.count(sink.skips)).as(file + " skipped").isEqualTo(want.skipped());
        assertThat(CollectingSink.count(sink.rejections)).as(file + " rejected").isEqualTo(want.rejected());
        for (NormalizedEvent e : sink.events) {
            assertThat(e.id()).isNotBlank();
            assertThat(e.cluster()).isEqualTo("default");
            assertThat(e.time()).isNotNull();
            assertThat(e.actor()).isNotNull();
            // Round-trips through the shared mapper (compared as JSON trees: that mapper reads small
            // integers of Falco's Object-typed fields back as Integer where ingest makes Long, and
            // Map.copyOf does not keep key order), and never carries a raw body.
            String json = Json.mapper().writeValueAsString(e);
            String again = Json.mapper().writeValueAsString(Json.mapper().readValue(json, NormalizedEvent.class));
            assertThat(Json.mapper().readTree(again)).isEqualTo(Json.mapper().readTree(json));
            assertThat(json).doesNotContain("requestObject", "responseObject", "\"output\"");
            // tw.normalized's binary encoding gives back an equal event, Falco field types included.
            assertThat(NormalizedEventCodec.decode(NormalizedEventCodec.encode(e)))
                    .as(file + " " + e.id())
                    .isEqualTo(e);
        }
        for (CollectingSink.Outcome r : sink.rejections) {
            assertThat(r.detail()).isNotBlank();
            assertThat(r.original()).isNotNull();
        }
    }

    private static List<String> corpusFiles() throws IOException {
        Path dir = Corpus.dir();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, Expectation> expectations() throws IOException {
        Map<String, Expectation> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CorpusTest.class.getResourceAsStream("/corpus-expectations.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length == 2 && cols[1].equals("not-input")) {
                    out.put(cols[0], new Expectation(false, 0, Map.of(), Map.of()));
                } else if (cols.length == 4) {
                    out.put(
                            cols[0],
                            new Expectation(true, Integer.parseInt(cols[1]), counts(cols[2]), counts(cols[3])));
                } else {
                    throw new IllegalStateException("bad row in corpus-expectations.tsv: " + line);
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> counts(String col) {
        Map<String, Integer> out = new TreeMap<>();
        if (!col.equals("-")) {
            for (String part : col.split(",")) {
                String[] kv = part.split(":");
                out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
        }
        return out;
    }

    @Test
    void theWholeCorpusAddsUp() throws IOException {
        IngestCounters counters = new IngestCounters();
        List<String> inputs = new ArrayList<>();
        expectations().forEach((f, e) -> {
            if (e.input()) {
                inputs.add(f);
            }
        });
        for (String f : inputs) {
            SOURCE.read(Corpus.file(f), SourceBinding.fixed("default"), counters);
        }
        int events =
                expectations().values().stream().mapToInt(Expectation::events).sum();
        assertThat(counters.events()).isEqualTo(events);
        assertThat(counters.snapshot().records()).isEqualTo(counters.records());
    }
}
