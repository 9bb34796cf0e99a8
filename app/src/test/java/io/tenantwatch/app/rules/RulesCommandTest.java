package io.tenantwatch.app.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenantwatch rules list|validate} through picocli. */
class RulesCommandTest {

    @TempDir
    Path tmp;

    /** {@code --json} is one document: the whole output parses as one array. */
    private static List<JsonNode> array(CommandRun run) throws Exception {
        JsonNode array = Json.mapper().readTree(run.out());
        assertThat(array.isArray()).as(run.out()).isTrue();
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void listPrintsATableWithOneAlignedRowPerDetector() {
        CommandRun run = CommandRun.of("rules", "list");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines).hasSize(BuiltInDetectors.definitions().size() + 1);
        assertThat(lines.get(0)).matches("ID +GROUP +SEVERITY +ENABLED +TITLE");
        int titleColumn = lines.get(0).indexOf("TITLE");
        String podExec = lines.stream()
                .filter(l -> l.startsWith("pod-exec "))
                .findFirst()
                .orElseThrow();
        assertThat(podExec).matches("pod-exec +C +medium +yes +\\S.*");
        assertThat(lines).allMatch(l -> l.charAt(titleColumn - 1) == ' ' && l.charAt(titleColumn) != ' ');
    }

    @Test
    void listShowsADisabledDetectorAsNo() throws Exception {
        Path config = tmp.resolve("detectors.yaml");
        Files.writeString(config, "detectors:\n  pod-exec: {enabled: false}\n");

        CommandRun run = CommandRun.of("rules", "list", "--config", config.toString());

        assertThat(run.outLines()).anyMatch(l -> l.matches("pod-exec +C +medium +no +\\S.*"));
    }

    @Test
    void listPrintsEveryDetectorOfTheCatalogueAsJson() throws Exception {
        CommandRun run = CommandRun.of("rules", "list", "--json");
        assertThat(run.exitCode()).isZero();
        List<JsonNode> rules = array(run);
        assertThat(rules).hasSize(BuiltInDetectors.definitions().size());
        JsonNode podExec = rules.stream()
                .filter(r -> r.get("id").asText().equals("pod-exec"))
                .findFirst()
                .orElseThrow();
        assertThat(podExec.get("group").asText()).isEqualTo("C");
        assertThat(podExec.get("severity").asText()).isEqualTo("medium");
        assertThat(podExec.get("enabled").asBoolean()).isTrue();
        assertThat(podExec.get("title").asText()).isNotBlank();
        assertThat(podExec.get("mitre").get("technique").asText()).startsWith("T1609");
        assertThat(podExec.get("params").get("includeOwnTenant").asBoolean()).isFalse();
        assertThat(podExec.get("exceptions")).isEmpty();
        JsonNode secretList = rules.stream()
                .filter(r -> r.get("id").asText().equals("cluster-wide-secret-list"))
                .findFirst()
                .orElseThrow();
        assertThat(secretList.get("exceptions").get(0).get("name").asText()).isEqualTo("ignoreHelmReleaseQuery");
        assertThat(secretList.get("exceptions").get(0).get("builtIn").asBoolean())
                .isTrue();
        assertThat(secretList.get("exceptions").get(0).get("reason").asText()).contains("Helm");
    }

    @Test
    void listShowsTheCatalogueAsAFileTunesIt() throws Exception {
        Path config = tmp.resolve("detectors.yaml");
        Files.writeString(config, """
                detectors:
                  pod-exec: {severity: high, includeOwnTenant: true}
                exceptions:
                  - name: sre
                    detector: "*"
                    reason: SRE on-call
                    group: [sre-oncall]
                """);
        List<JsonNode> rules = array(CommandRun.of("rules", "list", "--json", "--config", config.toString()));
        JsonNode podExec = rules.stream()
                .filter(r -> r.get("id").asText().equals("pod-exec"))
                .findFirst()
                .orElseThrow();
        assertThat(podExec.get("severity").asText()).isEqualTo("high");
        assertThat(podExec.get("params").get("includeOwnTenant").asBoolean()).isTrue();
        assertThat(podExec.get("exceptions").get(0).get("reason").asText()).isEqualTo("SRE on-call");
        JsonNode secretList = rules.stream()
                .filter(r -> r.get("id").asText().equals("cluster-wide-secret-list"))
                .findFirst()
                .orElseThrow();
        assertThat(secretList.get("exceptions"))
                .extracting(e -> e.get("name").asText())
                .containsExactly("ignoreHelmReleaseQuery", "sre");
        assertThat(podExec.get("exceptions")
                        .get(0)
                        .get("match")
                        .get("group")
                        .get(0)
                        .asText())
                .isEqualTo("sre-oncall");
    }

    @Test
    void validateAcceptsAGoodFile() throws Exception {
        Path config = tmp.resolve("detectors.yaml");
        Files.writeString(config, "detectors:\n  port-forward-or-not: {}\n".replace("port-forward-or-not", "pod-exec"));
        CommandRun run = CommandRun.of("rules", "validate", "--config", config.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ok");
    }

    @Test
    void validateNamesEveryProblemOnItsOwnLineAndExitsTwo() throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, """
                detectors:
                  pod-exec: {severity: urgent}
                  no-such-detector: {}
                exceptions:
                  - detector: pod-exec
                    namespace: "a b"
                """);
        CommandRun run = CommandRun.of("rules", "validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(4).allMatch(line -> line.startsWith(config + ": "));
        assertThat(run.err())
                .contains("'urgent' is not a severity")
                .contains("unknown detector id 'no-such-detector'")
                .contains("every exception needs a reason")
                .contains("bad glob");
    }

    @Test
    void aSecondExceptionsListIsRefusedNotSilentlyDropped() throws Exception {
        Path config = tmp.resolve("twice.yaml");
        Files.writeString(config, """
                exceptions:
                  - {detector: pod-exec, reason: SRE on-call, group: [sre]}
                exceptions:
                  - {detector: port-forward, reason: developers, namespace: "dev-*"}
                """);
        CommandRun run = CommandRun.of("rules", "validate", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(config
                        + ": exceptions: duplicate key at line 3 (YAML would keep only the last; write it once)");
    }

    @Test
    void everyProblemIsALineOfItsOwnWhenACommandStopsOnAFile() throws Exception {
        Path config = tmp.resolve("two.yaml");
        Files.writeString(config, "detectors: {pod-exec: {severity: urgent}, no-such-detector: {}}\n");
        String exec = io.tenantwatch.testkit.Corpus.file("falco-k8s-audit/exec_pod.json")
                .toString();
        CommandRun run = CommandRun.of("replay", "--config", config.toString(), exec);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "tenantwatch replay: " + config
                                + ": detectors.pod-exec.severity: 'urgent' is not a severity (critical, high, medium, low, info)",
                        "tenantwatch replay: " + config
                                + ": detectors.no-such-detector: unknown detector id 'no-such-detector'");
    }

    @Test
    void replayUsesTheTuningAndSaysWhatExceptionsSilenced() throws Exception {
        Path config = tmp.resolve("detectors.yaml");
        Files.writeString(config, """
                exceptions:
                  - detector: pod-exec
                    reason: minikube's admin is the developer's own machine
                    actor: minikube-user
                """);
        String exec = Corpus.file("falco-k8s-audit/exec_pod.json").toString();
        CommandRun run = CommandRun.of("replay", "--config", config.toString(), "--stats", exec);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("\"pod-exec\"").contains("\"break-glass-admin\"");
        assertThat(run.err()).contains("pod-exec 1 / 0 / 1");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "detectors: {pod-exec: {severity: urgent}}\n");
        CommandRun refused = CommandRun.of("replay", "--config", bad.toString(), exec);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.yaml: detectors.pod-exec.severity: 'urgent' is not a severity");
    }
}
