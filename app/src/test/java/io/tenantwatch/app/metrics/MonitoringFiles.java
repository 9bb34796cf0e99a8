package io.tenantwatch.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries of deploy's Grafana dashboards and Prometheus rules, and the metric names they use.
 * Names are tenantwatch's own and the JVM and Kafka families its registry exports; label names
 * (in matchers or {@code by (...)}) and quoted text are not metric names.
 */
final class MonitoringFiles {

    static final Path ROOT = RepositoryFiles.root();
    static final Path CHART_FILES = ROOT.resolve("deploy/helm/tenantwatch/files");
    static final Path RULES = CHART_FILES.resolve("prometheus/tenantwatch-rules.yaml");
    static final Path DASHBOARDS = CHART_FILES.resolve("grafana");
    static final Path CATALOGUE = ROOT.resolve("docs/metrics.md");

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern METRIC = Pattern.compile(
            "(?<![\\w:])((?:tenantwatch|kafka|jvm|process|system)_[A-Za-z0-9_]*)(?![\\w:])(?!\\s*(?:=|!=|=~|!~))");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    /** One query: where it is (dashboard and panel, or rule) and its PromQL. */
    record Query(String where, String expr) {}

    private MonitoringFiles() {}

    static List<Query> ruleQueries() {
        List<Query> out = new ArrayList<>();
        JsonNode rules = read(RULES, new ObjectMapper(new YAMLFactory()));
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                out.add(new Query(
                        "rule " + rule.path("alert").asText(rule.path("record").asText()),
                        rule.get("expr").asText()));
            }
        }
        return out;
    }

    static List<Query> dashboardQueries() {
        List<Query> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode board = read(file, json);
                for (JsonNode panel : board.get("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        out.add(new Query(
                                file.getFileName() + " / " + panel.path("title").asText() + " / "
                                        + target.path("refId").asText(),
                                target.path("expr").asText()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Query> allQueries() {
        List<Query> all = new ArrayList<>(dashboardQueries());
        all.addAll(ruleQueries());
        return all;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(QUOTED.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> metricNames(List<Query> queries) {
        Set<String> names = new TreeSet<>();
        queries.forEach(q -> names.addAll(metricNames(q.expr())));
        return names;
    }

    /** Grafana's variables replaced: built-in intervals by {@code builtIns}, dashboard variables by {@code values}. */
    static String substitute(String expr, Map<String, String> builtIns, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = builtIns.containsKey(name) ? builtIns.get(name) : values.get(name);
            if (value == null) {
                throw new AssertionError("no value for $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
