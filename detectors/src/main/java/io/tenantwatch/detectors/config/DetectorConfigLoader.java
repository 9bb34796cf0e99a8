package io.tenantwatch.detectors.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import io.tenantwatch.schemas.config.ConfigProblems;
import io.tenantwatch.schemas.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code detectors.yaml} and checks it against the catalogue: every problem is collected
 * (unknown detector id or key, bad severity, bad parameter type, bad duration, bad glob, an
 * exception without a reason, a key given twice), one line each naming the file, the key and the
 * bad value, in one {@link ConfigException}, so that {@code rules validate} shows them all at once.
 *
 * <pre>
 * detectors:
 *   pod-exec: {severity: high, includeOwnTenant: true}
 *   port-forward: {enabled: false}
 * exceptions:
 *   - detector: pod-exec                    # an id, a list of ids, or "*"
 *     reason: SRE on-call break-glass
 *     group: ["sre-oncall"]                 # namespace, tenant, actor, group, image, resourceName, cluster
 * tenants:
 *   alpha:
 *     detectors: {...}
 *     exceptions: [...]
 * rules:                                    # operators' own detectors, in CEL
 *   - id: prod-configmap-deleted
 *     severity: high
 *     title: ConfigMap deleted in a production namespace
 *     resources: [configmaps]
 *     verbs: [delete]
 *     expression: event.namespace.endsWith("-prod") &amp;&amp; event.actor["class"] == "tenant-member"
 * </pre>
 */
public final class DetectorConfigLoader {

    private static final Set<String> TOP_LEVEL = Set.of("detectors", "exceptions", "tenants", "rules");

    private static final Set<String> EXCEPTION_KEYS = Set.of("name", "detector", "detectors", "reason");

    private final Map<String, DetectorDefinition> builtIn;
    /** The built-in catalogue plus the file's own rules, while one file is parsed. */
    private Map<String, DetectorDefinition> catalogue;

    public DetectorConfigLoader(List<DetectorDefinition> catalogue) {
        Map<String, DetectorDefinition> byId = new LinkedHashMap<>();
        catalogue.forEach(d -> byId.put(d.id(), d));
        this.builtIn = Map.copyOf(byId);
    }

    public DetectorConfig load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFiles.read(file));
    }

    public synchronized DetectorConfig parse(String name, String text) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(name);
        catalogue = new LinkedHashMap<>(builtIn);
        JsonNode root = ConfigFiles.parseYaml(name, text);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return DetectorConfig.DEFAULTS;
        }
        if (!root.isObject()) {
            throw ConfigException.of(name, "the top level must be a mapping (detectors, exceptions, tenants, rules)");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!TOP_LEVEL.contains(key)) {
                problems.add(key, "unknown key (expected detectors, exceptions, tenants or rules)");
            }
        });
        List<DetectorDefinition> rules = new CustomRuleParser(builtIn.keySet()).parse(root.get("rules"), problems);
        rules.forEach(r -> catalogue.put(r.id(), r));
        Map<String, DetectorConfig.DetectorSettings> detectors =
                detectorSettings(root.get("detectors"), "detectors", problems);
        List<ExceptionRule> exceptions = exceptions(root.get("exceptions"), "exceptions", problems);
        Map<String, DetectorConfig.TenantOverride> tenants = new LinkedHashMap<>();
        JsonNode tenantsNode = root.get("tenants");
        if (tenantsNode != null && !tenantsNode.isNull()) {
            if (!tenantsNode.isObject()) {
                problems.add("tenants", "must be a mapping from tenant name to its overrides");
            } else {
                tenantsNode.fields().forEachRemaining(e -> {
                    String path = "tenants." + e.getKey();
                    JsonNode t = e.getValue();
                    if (!t.isObject()) {
                        problems.add(path, "must be a mapping with detectors and/or exceptions");
                        return;
                    }
                    t.fieldNames().forEachRemaining(k -> {
                        if (!k.equals("detectors") && !k.equals("exceptions")) {
                            problems.add(path + "." + k, "unknown key (expected detectors or exceptions)");
                        }
                    });
                    tenants.put(
                            e.getKey(),
                            new DetectorConfig.TenantOverride(
                                    detectorSettings(t.get("detectors"), path + ".detectors", problems),
                                    exceptions(t.get("exceptions"), path + ".exceptions", problems)));
                });
            }
        }
        problems.throwIfAny();
        return new DetectorConfig(detectors, exceptions, tenants, rules);
    }

    private Map<String, DetectorConfig.DetectorSettings> detectorSettings(
            JsonNode node, String path, ConfigProblems problems) {
        Map<String, DetectorConfig.DetectorSettings> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            problems.add(path, "must be a mapping from detector id to its settings");
            return result;
        }
        node.fields().forEachRemaining(e -> {
            String id = e.getKey();
            String here = path + "." + id;
            DetectorDefinition definition = catalogue.get(id);
            if (definition == null) {
                problems.add(here, "unknown detector id '" + id + "'");
                return;
            }
            JsonNode settings = e.getValue();
            if (settings == null || settings.isNull()) {
                return;
            }
            if (!settings.isObject()) {
                problems.add(here, "must be a mapping (enabled, severity and the detector's parameters)");
                return;
            }
            Boolean enabled = null;
            Severity severity = null;
            Map<String, Object> params = new HashMap<>();
            var fields = settings.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String key = f.getKey();
                JsonNode value = f.getValue();
                switch (key) {
                    case "enabled" -> {
                        if (value.isBoolean()) {
                            enabled = value.booleanValue();
                        } else {
                            problems.add(here + ".enabled", "'" + value.asText() + "' is not true or false");
                        }
                    }
                    case "severity" -> {
                        try {
                            severity = Severity.fromLabel(value.asText());
                        } catch (IllegalArgumentException ex) {
                            problems.add(
                                    here + ".severity",
                                    "'" + value.asText() + "' is not a severity (critical, high, medium, low, info)");
                        }
                    }
                    default -> {
                        ParamSpec spec = definition.param(key);
                        if (spec == null) {
                            problems.add(
                                    here + "." + key,
                                    "unknown parameter of " + id
                                            + (definition.params().isEmpty()
                                                    ? " (it has none)"
                                                    : " (it has " + paramNames(definition) + ")"));
                        } else {
                            Object parsed = paramValue(spec, value, here + "." + key, problems);
                            if (parsed != null) {
                                params.put(key, parsed);
                            }
                        }
                    }
                }
            }
            result.put(id, new DetectorConfig.DetectorSettings(enabled, severity, params));
        });
        return result;
    }

    private static String paramNames(DetectorDefinition definition) {
        List<String> names = new ArrayList<>();
        definition.params().forEach(p -> names.add(p.name()));
        return String.join(", ", names);
    }

    private static Object paramValue(ParamSpec spec, JsonNode value, String path, ConfigProblems problems) {
        switch (spec.type()) {
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
            }
            case INTEGER -> {
                if (value.isIntegralNumber()) {
                    return value.longValue();
                }
            }
            case STRING -> {
                if (value.isTextual()) {
                    return value.textValue();
                }
            }
            case STRING_LIST -> {
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    for (JsonNode item : value) {
                        if (!item.isTextual()) {
                            problems.add(path, "'" + item + "' is not a string");
                            return null;
                        }
                        items.add(item.textValue());
                    }
                    return List.copyOf(items);
                }
            }
            case DURATION -> {
                if (value.isTextual()) {
                    try {
                        Durations.parse(value.textValue());
                        // Kept as written, so that the catalogue and rules list show what the file says.
                        return value.textValue().strip();
                    } catch (IllegalArgumentException e) {
                        problems.add(path, e.getMessage());
                        return null;
                    }
                }
            }
            case CIDR_LIST -> {
                if (value.isArray()) {
                    List<String> ranges = new ArrayList<>();
                    for (JsonNode item : value) {
                        try {
                            ranges.add(CidrRange.parse(item.asText()).toString());
                        } catch (IllegalArgumentException e) {
                            problems.add(path, e.getMessage());
                            return null;
                        }
                    }
                    return List.copyOf(ranges);
                }
            }
        }
        problems.add(
                path,
                "'" + value.asText(value.toString()) + "' is not " + spec.type().phrase());
        return null;
    }

    /**
     * A duration as detectors.yaml writes it ({@link Durations#format}); kept here for the callers
     * that name it so (parameter defaults, alert wording), which belong to detector registration.
     */
    public static String formatDuration(Duration d) {
        return Durations.format(d);
    }

    private List<ExceptionRule> exceptions(JsonNode node, String path, ConfigProblems problems) {
        List<ExceptionRule> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            problems.add(path, "must be a list of exceptions");
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String here = path + "[" + i + "]";
            if (!e.isObject()) {
                problems.add(here, "must be a mapping (detector, reason and the fields to match)");
                continue;
            }
            String name = e.hasNonNull("name") ? e.get("name").asText() : null;
            if (name != null) {
                here = path + "[" + name + "]";
            }
            String reason = e.hasNonNull("reason") ? e.get("reason").asText().strip() : "";
            if (reason.isEmpty()) {
                problems.add(here + ".reason", "every exception needs a reason");
            }
            Set<String> detectors = new LinkedHashSet<>();
            JsonNode detectorNode = e.has("detectors") ? e.get("detectors") : e.get("detector");
            if (detectorNode == null || detectorNode.isNull()) {
                problems.add(here + ".detector", "name the detector it silences (an id, a list of ids, or \"*\")");
            } else {
                for (String id : textOrList(detectorNode)) {
                    if (!id.equals(ExceptionRule.ANY_DETECTOR) && !catalogue.containsKey(id)) {
                        problems.add(here + ".detector", "unknown detector id '" + id + "'");
                    }
                    detectors.add(id);
                }
            }
            Map<ExceptionRule.Field, List<Glob>> match = new LinkedHashMap<>();
            var fields = e.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (EXCEPTION_KEYS.contains(f.getKey())) {
                    continue;
                }
                ExceptionRule.Field field = ExceptionRule.Field.fromKey(f.getKey());
                if (field == null) {
                    problems.add(
                            here + "." + f.getKey(),
                            "unknown field (expected namespace, tenant, actor, group, image, resourceName or cluster)");
                    continue;
                }
                List<Glob> globs = new ArrayList<>();
                for (String pattern : textOrList(f.getValue())) {
                    try {
                        globs.add(Glob.compile(pattern));
                    } catch (IllegalArgumentException ex) {
                        problems.add(here + "." + f.getKey(), "bad glob: " + ex.getMessage());
                    }
                }
                match.put(field, globs);
            }
            if (match.isEmpty()) {
                problems.add(
                        here,
                        "matches every event: name at least one field (namespace, tenant, actor, group, image, resourceName, cluster), or disable the detector instead");
            }
            result.add(new ExceptionRule(name, detectors, reason, match));
        }
        return result;
    }

    private static List<String> textOrList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
