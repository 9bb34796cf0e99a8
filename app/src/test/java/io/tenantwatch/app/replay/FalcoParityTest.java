package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.testkit.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table "Parity with Falco's k8saudit rules" of docs/detectors.md, read from
 * {@code falco-parity.tsv} so that it cannot drift from code: every file of Falco's own k8saudit
 * tests, replayed on its own with no tenancy file exactly as {@code replay FILE} does, raises the
 * named detector (positive cases) or does not (negative cases and deliberate differences).
 */
class FalcoParityTest {

    record Row(String file, boolean raises, String detector, String why) {
        @Override
        public String toString() {
            return file + (raises ? " raises " : " does not raise ") + detector + " (" + why + ")";
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = FalcoParityTest.class.getResourceAsStream("/falco-parity.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                rows.add(new Row(cols[0], cols[1].equals("raises"), cols[2], cols[3]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void tenantwatchMatchesFalcoOnFalcosOwnTestFiles(Row row) {
        CommandRun run = CommandRun.of(
                "replay",
                "--format",
                "text",
                Corpus.file("falco-k8s-audit/" + row.file()).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> raised =
                run.outLines().stream().map(line -> line.split(" +")[2]).toList();
        if (row.raises()) {
            assertThat(raised).as(row.toString()).contains(row.detector());
        } else {
            assertThat(raised).as(row.toString()).doesNotContain(row.detector());
        }
    }
}
