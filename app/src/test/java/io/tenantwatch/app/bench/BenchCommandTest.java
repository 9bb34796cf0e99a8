package io.tenantwatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenantwatch bench} through the real command line: each mode runs end to end on a small
 * load and reports every field; generated traffic replays; mistakes end with exit 2 and one line.
 * The numbers themselves are measured, not asserted (docs/PERFORMANCE.md).
 */
class BenchCommandTest {

    static final String[] FIELDS = {
        "mode",
        "events",
        "eventsPerSecond",
        "parseOnlyEventsPerSecond",
        "readOnlyEventsPerSecond",
        "ratio",
        "p50LatencyMs",
        "p99LatencyMs",
        "heapPeakMb",
        "alerts",
        "detectorsEnabled",
        "cores"
    };

    static JsonNode report(CommandRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode report = Json.mapper().readTree(run.out());
        for (String field : FIELDS) {
            assertThat(report.has(field)).as(field + " in " + run.out()).isTrue();
        }
        return report;
    }

    @Test
    void topologyModeRunsEveryDetectorOnTheLoadAndFindsEveryAttack() throws Exception {
        JsonNode report = report(CommandRun.of(
                "bench",
                "--mode",
                "topology",
                "--events",
                "600",
                "--warmup",
                "100",
                "--attack-rate",
                "0.05",
                "--json"));
        assertThat(report.get("mode").asText()).isEqualTo("topology");
        assertThat(report.get("events").asLong()).isBetween(600L, 609L);
        assertThat(report.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(report.get("ratio").asDouble())
                .isCloseTo(
                        report.get("eventsPerSecond").asDouble()
                                / report.get("parseOnlyEventsPerSecond").asDouble(),
                        org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.get("readOnlyEventsPerSecond").asDouble()).isPositive();
        assertThat(report.get("detectorsEnabled").asInt()).isGreaterThanOrEqualTo(41);
        assertThat(report.get("alerts").asLong()).isPositive();
        long byDetector = 0;
        for (JsonNode count : report.get("alertsByDetector")) {
            byDetector += count.asLong();
        }
        assertThat(byDetector)
                .as("alertsByDetector adds up to alerts")
                .isEqualTo(report.get("alerts").asLong());
        assertThat(report.get("alertsByDetector").has("cross-tenant-secret-access"))
                .isTrue();
        assertThat(report.get("attacksMissed").asLong()).isZero();
        assertThat(report.get("processingFailures").asLong()).isZero();
        assertThat(report.get("lateEvents").asLong()).isZero();
        assertThat(report.get("p99LatencyMs").asDouble())
                .isGreaterThanOrEqualTo(report.get("p50LatencyMs").asDouble());
    }

    @Test
    void brokerModeGoesThroughTheServiceWithExactlyOnceAndTimesProduceToAlert() throws Exception {
        JsonNode report = report(CommandRun.of(
                "bench",
                "--mode",
                "broker",
                "--events",
                "1500",
                "--warmup",
                "300",
                "--attack-rate",
                "0.05",
                "--format",
                "aks",
                "--json"));
        assertThat(report.get("mode").asText()).isEqualTo("broker");
        assertThat(report.get("brokerProduceEventsPerSecond").asDouble()).isPositive();
        assertThat(report.get("brokerConsumeEventsPerSecond").asDouble()).isPositive();
        assertThat(report.get("p50LatencyMs").asDouble()).isPositive();
        assertThat(report.get("attacksMissed").asLong()).isZero();
        assertThat(report.get("lateEvents").asLong()).isZero();
    }

    @Test
    void aTableWithoutJson() {
        CommandRun run = CommandRun.of("bench", "--mode", "parse-only", "--events", "500");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("parse-only events/s").contains("heap peak");
    }

    @Test
    void generatedTrafficReplaysWithItsTenancyFile(@TempDir Path dir) throws Exception {
        CommandRun generate = CommandRun.of(
                "bench", "--mode", "generate", "--events", "400", "--attack-rate", "0.05", "--out", dir.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(generate.err()).contains("tenantwatch replay --tenancy");
        assertThat(Files.readAllLines(dir.resolve("traffic.jsonl"))).hasSizeGreaterThanOrEqualTo(400);
        CommandRun replay = CommandRun.of(
                "replay",
                "--tenancy",
                dir.resolve("tenancy.yaml").toString(),
                "--cluster",
                "aks-bench",
                dir.resolve("traffic.jsonl").toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("0 rejected");
        // attacks.tsv: the id of each attack event (auditID or Falco uuid) and the detector that must name it.
        java.util.Map<String, String> attacks = new java.util.HashMap<>();
        Files.readAllLines(dir.resolve("attacks.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t"))
                .forEach(f -> attacks.put(f[0], f[1]));
        assertThat(attacks).isNotEmpty();
        java.util.Set<String> found = new java.util.HashSet<>();
        for (String line : replay.outLines()) {
            JsonNode alert = Json.mapper().readTree(line);
            List<String> ids = new java.util.ArrayList<>();
            alert.path("evidence").path("auditIds").forEach(id -> ids.add(id.asText()));
            if (alert.path("evidence").has("falcoUuid")) {
                ids.add(alert.path("evidence").get("falcoUuid").asText());
            }
            assertThat(ids).as("an alert on benign traffic: " + line).anyMatch(attacks::containsKey);
            ids.stream()
                    .filter(id -> alert.get("detector").asText().equals(attacks.get(id)))
                    .forEach(found::add);
        }
        assertThat(found).as("every attack named by its detector").isEqualTo(attacks.keySet());
    }

    @Test
    void mistakesEndWithExitTwoAndOneLine() {
        CommandRun badMode = CommandRun.of("bench", "--mode", "fast");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err()).contains("'fast' is not a mode").doesNotContain("Exception");
        CommandRun oneTenant = CommandRun.of("bench", "--tenants", "1");
        assertThat(oneTenant.exitCode()).isEqualTo(2);
        assertThat(oneTenant.errLines()).hasSize(1).first().asString().contains("at least 2 tenants");
        CommandRun noOut = CommandRun.of("bench", "--mode", "generate");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
    }
}
