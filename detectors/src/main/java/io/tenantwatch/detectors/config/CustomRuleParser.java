package io.tenantwatch.detectors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code rules:} section of detectors.yaml: operators' own detectors, each an id, a severity, a
 * title, the resources (and optionally verbs) it applies to, and a CEL expression compiled here,
 * once. A rule may not take a catalogue id: ids never change meaning.
 */
final class CustomRuleParser {

    private static final Set<String> KEYS =
            Set.of("id", "severity", "title", "summary", "mitre", "resources", "verbs", "expression");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Set<String> catalogueIds;

    CustomRuleParser(Set<String> catalogueIds) {
        this.catalogueIds = catalogueIds;
    }

    /** @param problems receives every problem; a rule with one is left out */
    List<DetectorDefinition> parse(JsonNode node, ConfigProblems problems) {
        List<DetectorDefinition> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        if (!node.isArray()) {
            problems.add("rules", "must be a list of rules");
            return rules;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String path = "rules[" + i + "]";
            if (!r.isObject()) {
                problems.add(path, "must be a mapping (id, severity, title, resources, expression)");
                continue;
            }
            String id = r.path("id").asText("");
            if (!id.isEmpty()) {
                path = "rules[" + id + "]";
            }
            String here = path;
            int before = problems.count();
            r.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    problems.add(
                            here + "." + k,
                            "unknown key (expected "
                                    + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
            });
            if (!ID.matcher(id).matches()) {
                problems.add(path + ".id", "'" + id + "' is not an id (lower-case words joined by '-')");
            } else if (catalogueIds.contains(id)) {
                problems.add(path + ".id", "'" + id + "' is a catalogue id; a custom rule needs an id of its own");
            } else if (!seen.add(id)) {
                problems.add(path + ".id", "'" + id + "' is used by two rules");
            }
            Severity severity = null;
            try {
                severity = Severity.fromLabel(r.path("severity").asText(""));
            } catch (IllegalArgumentException e) {
                problems.add(
                        path + ".severity",
                        "'" + r.path("severity").asText("")
                                + "' is not a severity (critical, high, medium, low, info)");
            }
            String title = r.path("title").asText("").strip();
            if (title.isEmpty()) {
                problems.add(path + ".title", "a rule needs a title an analyst reads");
            }
            Set<String> resources = strings(r.get("resources"), path + ".resources", problems);
            if (resources.isEmpty()) {
                problems.add(
                        path + ".resources",
                        "name the resources it applies to (e.g. [configmaps]); they decide which events it sees");
            }
            Set<String> verbs = strings(r.get("verbs"), path + ".verbs", problems);
            String expression = r.path("expression").asText("");
            CelRules.Compiled compiled = CelRules.compile(expression);
            if (expression.isBlank()) {
                problems.add(path + ".expression", "a rule needs a CEL expression");
            } else if (compiled.error() != null) {
                problems.add(path + ".expression", "does not compile " + compiled.error());
            }
            JsonNode mitre = r.get("mitre");
            Alert.Mitre mapping = new Alert.Mitre(
                    mitre == null ? null : textOrNull(mitre.get("tactic")),
                    mitre == null ? null : textOrNull(mitre.get("technique")));
            if (problems.count() == before) {
                DetectorSpec spec = new DetectorSpec(id, DetectorGroup.CUSTOM, severity, mapping, title);
                String summary = textOrNull(r.get("summary"));
                rules.add(DetectorDefinition.of(
                        spec, () -> new CelRule(spec, resources, verbs, compiled.program(), summary)));
            }
        }
        return rules;
    }

    private static Set<String> strings(JsonNode node, String path, ConfigProblems problems) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(path, "must be a list of strings");
            return values;
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(path, "'" + item + "' is not a name");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
