package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.testkit.process.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards are provisioning-ready (no import-time inputs, a data source variable, unique
 * ids), their panels fit the grid, every variable they use is defined, and every query is valid
 * PromQL to promtool once Grafana's variables are filled in.
 */
class GrafanaDashboardsTest {

    static final Path DASHBOARDS = Path.of("helm", "tenantwatch", "files", "grafana");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    /** What Grafana puts in place of its built-in variables, for a syntax check. */
    private static final Map<String, String> BUILT_INS =
            Map.of("__rate_interval", "5m", "__interval", "1m", "__range", "1h");

    static final Map<String, JsonNode> boards = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                boards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
    }

    @Test
    void theThreeDashboardsAreProvisioningReady() {
        assertThat(boards)
                .containsOnlyKeys("tenantwatch-overview.json", "tenantwatch-pipeline.json", "tenantwatch-tenant.json");
        Set<String> uids = new HashSet<>();
        boards.forEach((file, board) -> {
            assertThat(board.has("__inputs"))
                    .as(file + ": import-only inputs do not work with provisioning")
                    .isFalse();
            assertThat(board.path("id").isNull() || board.path("id").isMissingNode())
                    .as(file + ": no database id")
                    .isTrue();
            assertThat(uids.add(board.path("uid").asText())).as(file + " uid").isTrue();
            assertThat(board.path("uid").asText()).isEqualTo(file.replace(".json", ""));
            assertThat(board.path("title").asText()).startsWith("tenantwatch / ");
            assertThat(variables(board)).containsKey("datasource");
            assertThat(variables(board).get("datasource").path("query").asText())
                    .isEqualTo("prometheus");
        });
        assertThat(variables(boards.get("tenantwatch-overview.json"))).containsKey("tenant");
        assertThat(variables(boards.get("tenantwatch-tenant.json"))).containsKey("tenant");
        assertThat(variables(boards.get("tenantwatch-pipeline.json"))).containsKey("cluster");
    }

    @Test
    void everyPanelQueriesTheChosenDataSourceAndFitsTheGrid() {
        boards.forEach((file, board) -> {
            Set<Integer> ids = new HashSet<>();
            List<int[]> cells = new ArrayList<>();
            for (JsonNode panel : board.get("panels")) {
                assertThat(ids.add(panel.path("id").asInt()))
                        .as(file + " panel id " + panel.path("id"))
                        .isTrue();
                JsonNode grid = panel.get("gridPos");
                int x = grid.get("x").asInt(),
                        y = grid.get("y").asInt(),
                        w = grid.get("w").asInt(),
                        h = grid.get("h").asInt();
                assertThat(x + w).as(file + " " + panel.path("title")).isLessThanOrEqualTo(24);
                for (int[] other : cells) {
                    boolean overlap =
                            x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                    assertThat(overlap)
                            .as(file + ": " + panel.path("title") + " overlaps another panel")
                            .isFalse();
                }
                cells.add(new int[] {x, y, w, h});
                if (panel.path("type").asText().matches("row|text")) {
                    continue;
                }
                assertThat(panel.at("/datasource/uid").asText())
                        .as(file + " " + panel.path("title"))
                        .isEqualTo("${datasource}");
                assertThat(panel.path("description").asText())
                        .as(file + " " + panel.path("title") + " says what it shows")
                        .isNotBlank();
                assertThat(panel.get("targets"))
                        .as(file + " " + panel.path("title"))
                        .isNotEmpty()
                        .allSatisfy(t -> {
                            assertThat(t.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                            assertThat(t.path("expr").asText()).isNotBlank();
                        });
            }
        });
    }

    @Test
    void everyVariableAQueryUsesIsDefined() {
        boards.forEach((file, board) -> {
            Set<String> defined = variables(board).keySet();
            for (String expr : expressions(board)) {
                Matcher m = VARIABLE.matcher(expr);
                while (m.find()) {
                    assertThat(BUILT_INS.containsKey(m.group(1)) || defined.contains(m.group(1)))
                            .as(file + ": $" + m.group(1) + " in " + expr)
                            .isTrue();
                }
            }
        });
    }

    @Test
    void everyQueryIsValidPromqlToPromtool(@TempDir Path dir) throws Exception {
        ObjectNode file = YAML.createObjectNode();
        ArrayNode rules = file.putArray("groups")
                .addObject()
                .put("name", "dashboard-queries")
                .putArray("rules");
        int n = 0;
        for (Map.Entry<String, JsonNode> board : boards.entrySet()) {
            for (String expr : expressions(board.getValue())) {
                rules.addObject().put("record", "dashboard:query" + n++).put("expr", substitute(expr));
            }
        }
        assertThat(n).isGreaterThan(40);
        Path rulesFile = dir.resolve("dashboard-queries.yaml");
        YAML.writeValue(rulesFile.toFile(), file);
        Promtool.Run run =
                Promtool.run(dir, "check", "rules", rulesFile.getFileName().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void theJobVariableListsOnlyTenantwatchJobs() {
        JsonNode job = variables(boards.get("tenantwatch-pipeline.json")).get("job");
        assertThat(job.path("definition").asText())
                .as("a metric only tenantwatch exports, so other Micrometer apps in the same Prometheus stay out")
                .isEqualTo("label_values(tenantwatch_build_info, job)");
        assertThat(job.at("/query/query").asText())
                .isEqualTo(job.path("definition").asText());
        boards.forEach((file, board) -> variables(board).values().stream()
                .filter(v -> "query".equals(v.path("type").asText()))
                .forEach(v -> assertThat(v.path("definition").asText())
                        .as(file + " $" + v.path("name").asText())
                        .contains("(tenantwatch_")));
    }

    @Test
    void everyLatencyPanelHasATimeUnit() {
        assertThat(latencyWithoutTimeUnit(JSON.createObjectNode()
                        .put("title", "x")
                        .set(
                                "targets",
                                JSON.createArrayNode()
                                        .add(JSON.createObjectNode()
                                                .put("refId", "A")
                                                .put("expr", "kafka_stream_thread_commit_latency_avg")))))
                .as("the check can fail")
                .isTrue();
        List<String> latency = new ArrayList<>();
        boards.forEach((file, board) -> {
            for (JsonNode panel : board.get("panels")) {
                if (isLatency(panel)) {
                    latency.add(file + ": " + panel.path("title").asText());
                    assertThat(latencyWithoutTimeUnit(panel))
                            .as(file + ": " + panel.path("title") + " shows a latency without a time unit")
                            .isFalse();
                }
            }
        });
        assertThat(latency).hasSizeGreaterThanOrEqualTo(6);
    }

    private static final Set<String> TIME_UNITS =
            Set.of("ns", "µs", "ms", "s", "m", "h", "d", "dtdurations", "dtdurationms");
    private static final Pattern LATENCY = Pattern.compile("latency|duration|_seconds_bucket|age_seconds");

    private static boolean isLatency(JsonNode panel) {
        for (JsonNode target : panel.path("targets")) {
            if (LATENCY.matcher(target.path("expr").asText()).find()) {
                return true;
            }
        }
        return false;
    }

    /** True when a query of the panel that reads a latency is shown without a time unit. */
    static boolean latencyWithoutTimeUnit(JsonNode panel) {
        String defaultUnit = panel.at("/fieldConfig/defaults/unit").asText("");
        for (JsonNode target : panel.path("targets")) {
            if (!LATENCY.matcher(target.path("expr").asText()).find()) {
                continue;
            }
            String unit = defaultUnit;
            for (JsonNode override : panel.at("/fieldConfig/overrides")) {
                if ("byFrameRefID".equals(override.at("/matcher/id").asText())
                        && target.path("refId")
                                .asText()
                                .equals(override.at("/matcher/options").asText())) {
                    for (JsonNode property : override.path("properties")) {
                        if ("unit".equals(property.path("id").asText())) {
                            unit = property.path("value").asText();
                        }
                    }
                }
            }
            if (!TIME_UNITS.contains(unit)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theProvisioningFileIsAFileProvider() throws IOException {
        JsonNode provisioning = YAML.readTree(Path.of("grafana", "provisioning", "dashboards", "tenantwatch.yaml")
                .toFile());
        assertThat(provisioning.get("apiVersion").asInt()).isEqualTo(1);
        assertThat(provisioning.at("/providers/0/type").asText()).isEqualTo("file");
        assertThat(provisioning.at("/providers/0/options/path").asText()).isNotBlank();
    }

    /** Grafana's variables replaced by sample values: what Prometheus would receive. */
    static String substitute(String expr) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(BUILT_INS.getOrDefault(m.group(1), "sample")));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> expressions(JsonNode board) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : board.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : board.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                assertThat(variable.path("definition").asText()).startsWith("label_values(");
            }
        }
        return exprs;
    }

    static Map<String, JsonNode> variables(JsonNode board) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        for (JsonNode v : board.at("/templating/list")) {
            vars.put(v.path("name").asText(), v);
        }
        return vars;
    }
}
