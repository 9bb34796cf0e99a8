package io.tenantwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input never throws and never goes unanswered: every corpus record, cut short at many points
 * and with bytes overwritten at random (seeded, so failures reproduce), still ends in sink calls,
 * and every dead-letter copy is valid JSON.
 */
class RobustnessTest {

    private static final InputReader READER = new InputReader();

    private static List<byte[]> corpusRecords() throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Corpus.dir())) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                byte[] all = Files.readAllBytes(f);
                // One record per line; pretty-printed files are one record.
                String text = new String(all, java.nio.charset.StandardCharsets.UTF_8);
                if (text.lines()
                        .filter(l -> !l.isBlank())
                        .allMatch(l ->
                                l.stripLeading().startsWith("{") && l.strip().endsWith("}"))) {
                    text.lines()
                            .filter(l -> !l.isBlank())
                            .forEach(l -> records.add(l.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } else {
                    records.add(all);
                }
            }
        }
        return records;
    }

    private static void assertAnswered(byte[] input) {
        CollectingSink sink = new CollectingSink();
        READER.read(input, SourceBinding.fixed("f"), sink);
        assertThat(sink.calls())
                .as("calls for %s", new String(input, 0, Math.min(80, input.length)))
                .isPositive();
        for (CollectingSink.Outcome r : sink.rejections) {
            if (r.original().length > 0) {
                try {
                    TestEvents.MAPPER.readTree(r.original());
                } catch (IOException e) {
                    throw new AssertionError("dead-letter copy is not JSON: " + new String(r.original()), e);
                }
            }
        }
    }

    @Test
    void everyCutIsAnswered() throws IOException {
        for (byte[] record : corpusRecords()) {
            int stride = Math.max(1, record.length / 60);
            for (int cut = 1; cut < record.length; cut += stride) {
                assertAnswered(Arrays.copyOf(record, cut));
            }
        }
    }

    @Test
    void everyCorruptionIsAnswered() throws IOException {
        Random random = new Random(20240102L);
        for (byte[] record : corpusRecords()) {
            for (int round = 0; round < 40; round++) {
                byte[] mutated = record.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                assertAnswered(mutated);
            }
        }
    }
}
