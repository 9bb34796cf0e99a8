package io.tenantwatch.detectors.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.config.Durations;
import java.util.List;

/**
 * The JSON Schema of detectors.yaml, rendered from the catalogue (every detector id with its own
 * parameters), for editors such as VS Code's YAML extension. The loader stays the authority: it
 * also compiles CEL and checks globs, which a schema cannot.
 */
public final class ConfigSchema {

    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    private static final List<String> FIELDS =
            List.of("namespace", "tenant", "actor", "group", "image", "resourceName", "cluster");

    private ConfigSchema() {}

    public static String render(List<DetectorDefinition> catalogue) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://tenantwatch.io/schemas/detectors.schema.json");
        root.put("title", "tenantwatch detector configuration (detectors.yaml)");
        root.put("type", "object");
        root.put("additionalProperties", false);

        ObjectNode defs = root.putObject("$defs");
        ObjectNode severity = defs.putObject("severity");
        SEVERITIES.forEach(severity.putArray("enum")::add);
        ObjectNode globs = defs.putObject("globs");
        ArrayNode oneOf = globs.putArray("oneOf");
        oneOf.addObject().put("type", "string");
        oneOf.addObject().put("type", "array").putObject("items").put("type", "string");

        ObjectNode detectors = defs.putObject("detectors");
        detectors.put("type", "object");
        detectors.put("additionalProperties", false);
        ObjectNode byId = detectors.putObject("properties");
        for (DetectorDefinition d : catalogue) {
            ObjectNode settings = byId.putObject(d.id());
            settings.put("description", d.spec().title());
            settings.put("type", "object");
            settings.put("additionalProperties", false);
            ObjectNode props = settings.putObject("properties");
            props.putObject("enabled").put("type", "boolean");
            props.putObject("severity").put("$ref", "#/$defs/severity");
            for (ParamSpec p : d.params()) {
                ObjectNode param = props.putObject(p.name());
                param.put("description", p.description());
                switch (p.type()) {
                    case BOOLEAN -> param.put("type", "boolean");
                    case INTEGER -> param.put("type", "integer");
                    case STRING -> param.put("type", "string");
                    case STRING_LIST ->
                        param.put("type", "array").putObject("items").put("type", "string");
                    case DURATION -> param.put("type", "string").put("pattern", "^" + Durations.PATTERN + "$");
                    case CIDR_LIST ->
                        param.put("type", "array")
                                .putObject("items")
                                .put("type", "string")
                                .put("pattern", "^[0-9A-Fa-f.:]+/\\d{1,3}$");
                }
                param.set("default", Json.mapper().valueToTree(p.defaultValue()));
            }
        }

        ObjectNode exception = defs.putObject("exception");
        exception.put("type", "object");
        exception.put("additionalProperties", false);
        exception.putArray("required").add("reason");
        ObjectNode exProps = exception.putObject("properties");
        exProps.putObject("name").put("type", "string");
        exProps.putObject("reason").put("type", "string").put("minLength", 1);
        ArrayNode detectorOneOf = exProps.putObject("detector").putArray("oneOf");
        detectorOneOf.addObject().put("type", "string");
        detectorOneOf.addObject().put("type", "array").putObject("items").put("type", "string");
        exProps.putObject("detectors").put("type", "array").putObject("items").put("type", "string");
        FIELDS.forEach(f -> exProps.putObject(f).put("$ref", "#/$defs/globs"));

        ObjectNode rule = defs.putObject("rule");
        rule.put("type", "object");
        rule.put("additionalProperties", false);
        ArrayNode required = rule.putArray("required");
        List.of("id", "severity", "title", "resources", "expression").forEach(required::add);
        ObjectNode ruleProps = rule.putObject("properties");
        ruleProps.putObject("id").put("type", "string").put("pattern", "^[a-z0-9]+(-[a-z0-9]+)*$");
        ruleProps.putObject("severity").put("$ref", "#/$defs/severity");
        ruleProps.putObject("title").put("type", "string").put("minLength", 1);
        ruleProps.putObject("summary").put("type", "string");
        ObjectNode mitre = ruleProps.putObject("mitre");
        mitre.put("type", "object");
        mitre.put("additionalProperties", false);
        mitre.putObject("properties").putObject("tactic").put("type", "string");
        ((ObjectNode) mitre.get("properties")).putObject("technique").put("type", "string");
        ruleProps
                .putObject("resources")
                .put("type", "array")
                .put("minItems", 1)
                .putObject("items")
                .put("type", "string");
        ruleProps.putObject("verbs").put("type", "array").putObject("items").put("type", "string");
        ruleProps
                .putObject("expression")
                .put("type", "string")
                .put("description", "CEL over `event`, the normalized event");

        ObjectNode properties = root.putObject("properties");
        properties.putObject("detectors").put("$ref", "#/$defs/detectors");
        properties
                .putObject("exceptions")
                .put("type", "array")
                .putObject("items")
                .put("$ref", "#/$defs/exception");
        ObjectNode tenants = properties.putObject("tenants");
        tenants.put("type", "object");
        ObjectNode tenant = tenants.putObject("additionalProperties");
        tenant.put("type", "object");
        tenant.put("additionalProperties", false);
        ObjectNode tenantProps = tenant.putObject("properties");
        tenantProps
                .putObject("detectors")
                .put("type", "object")
                .put("description", "per-tenant settings; same keys as the top-level detectors section");
        tenantProps
                .putObject("exceptions")
                .put("type", "array")
                .putObject("items")
                .put("$ref", "#/$defs/exception");
        properties.putObject("rules").put("type", "array").putObject("items").put("$ref", "#/$defs/rule");
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of our own always serializes", e);
        }
    }
}
