package io.tenantwatch.detectors.stateful;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 100,000 distinct actors' group F state fits in the heap the service is given (512 MB,
 * docs/architecture.md): {@link StateSizeMeasurement} runs in a JVM limited to it and prints what the
 * stores hold. The numbers are printed for docs/state-size.md; what is asserted is that the run
 * fits, that every actor has its entries, and that the state per actor stays within a bound.
 */
class StateSizeTest {

    static final int ACTORS = 100_000;
    static final String HEAP = "-Xmx512m";

    @Test
    void oneHundredThousandActorsFitInTheServiceHeap() throws Exception {
        Map<String, Long> numbers = measure(ACTORS);

        assertThat(numbers.get("forbidden-burst-windows.entries")).isEqualTo(ACTORS);
        assertThat(numbers.get("secret-enumeration-windows.entries")).isEqualTo(ACTORS);
        assertThat(numbers.get("first-seen-access-last-access.entries")).isEqualTo(ACTORS + 1);
        assertThat(numbers.get("heap.max.mb")).isLessThanOrEqualTo(512);
        // Serialized state of one ordinary actor in one window: well under a kilobyte per store.
        assertThat(numbers.get("state.serialized.bytes.per.actor")).isLessThan(2048);
        // Everything the in-memory run holds per actor (dedup included): 100k actors in under half the heap.
        assertThat(numbers.get("heap.bytes.per.actor") * ACTORS).isLessThan(256L << 20);
    }

    static Map<String, Long> measure(int actors) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        HEAP,
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StateSizeMeasurement.class.getName(),
                        Integer.toString(actors)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
        System.out.println("state size with " + HEAP + ":\n" + output);
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, Long> numbers = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).strip().matches("-?\\d+")) {
                numbers.put(
                        line.substring(0, eq).strip(),
                        Long.parseLong(line.substring(eq + 1).strip()));
            }
        }
        return numbers;
    }
}
