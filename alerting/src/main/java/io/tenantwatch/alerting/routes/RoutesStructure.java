package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.config.ConfigProblems;
import io.tenantwatch.schemas.config.Durations;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a routes file, as {@code schemas/routes.schema.json} describes it for editors:
 * known keys only, the right types, required entries, enums and patterns. Each problem is worded
 * {@code path: problem} with the path of the entry ({@code routes[2].match.minSeverity}). Kept in
 * step with the schema by {@code RoutesSchemaAgreementTest}; written out here so the runtime needs
 * no schema validator.
 */
final class RoutesStructure {

    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,62}[a-z0-9])?");
    static final Pattern DETECTOR_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern DURATION = Pattern.compile(Durations.PATTERN);
    static final Pattern HTTP_URL = Pattern.compile("https?://.*");
    static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    static final List<String> SINK_TYPES = List.of("alertmanager", "webhook", "slack", "kafka", "file", "stdout");
    static final List<String> FORMATS = List.of("native", "ocsf", "text");
    static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
    /** An HTTP header name (RFC 9110 token). */
    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    static final Pattern USERNAME = Pattern.compile("[^:]+");

    private static final Set<String> TOP = Set.of("suppression", "delivery", "sinks", "routes");
    private static final Set<String> SUPPRESSION = Set.of("window", "detectors");
    private static final Set<String> DELIVERY =
            Set.of("maxAttempts", "initialBackoff", "maxBackoff", "timeout", "circuitBreaker");
    private static final Set<String> CIRCUIT = Set.of("failures", "openFor");
    private static final Set<String> SINK = Set.of(
            "type",
            "format",
            "url",
            "urlEnv",
            "urlFile",
            "secretEnv",
            "secretFile",
            "runbookUrl",
            "generatorUrl",
            "resolveAfter",
            "topic",
            "bootstrapServers",
            "path",
            "maxBytes",
            "keep",
            "headers",
            "bearerTokenEnv",
            "bearerTokenFile",
            "basicAuth",
            "caFile",
            "systemCAs",
            "severityMap",
            "legacySignature");
    private static final Set<String> HEADER_SECRET = Set.of("valueEnv", "valueFile", "prefix");
    private static final Set<String> BASIC_AUTH = Set.of("username", "passwordEnv", "passwordFile");
    private static final Set<String> ROUTE = Set.of("name", "match", "sinks", "continue");
    private static final Set<String> MATCH = Set.of("tenants", "namespaces", "detectors", "clusters", "minSeverity");
    /** Keys someone might put a secret under → the stem of the keys that take it from elsewhere. */
    private static final Map<String, String> SECRET_LOOKING = Map.of(
            "secret", "secret",
            "hmacSecret", "secret",
            "token", "bearerToken",
            "bearerToken", "bearerToken",
            "password", "password",
            "value", "value");
    /** Required keys per sink type beyond {@code type} (the schema's if/then). */
    private static final Map<String, String> REQUIRED_BY_TYPE = Map.of("kafka", "topic", "file", "path");

    private final ConfigProblems problems;

    private RoutesStructure(ConfigProblems problems) {
        this.problems = problems;
    }

    /** Adds every problem of the file's shape to {@code problems}. */
    static void check(JsonNode root, ConfigProblems problems) {
        new RoutesStructure(problems).top(root);
    }

    private void top(JsonNode root) {
        keys(root, null, TOP);
        required(root, null, "sinks", "routes");
        JsonNode suppression = root.get("suppression");
        if (suppression != null && mapping(suppression, "suppression")) {
            keys(suppression, "suppression", SUPPRESSION);
            optional(suppression, "window", "suppression.window", this::duration);
            JsonNode detectors = suppression.get("detectors");
            if (detectors != null && mapping(detectors, "suppression.detectors")) {
                detectors.fields().forEachRemaining(e -> {
                    String path = "suppression.detectors." + e.getKey();
                    if (!DETECTOR_ID.matcher(e.getKey()).matches()) {
                        add(path, "'" + e.getKey() + "' is not a detector id (lower-case words joined by -)");
                    }
                    duration(e.getValue(), path);
                });
            }
        }
        JsonNode delivery = root.get("delivery");
        if (delivery != null && mapping(delivery, "delivery")) {
            keys(delivery, "delivery", DELIVERY);
            optional(delivery, "maxAttempts", "delivery.maxAttempts", (n, p) -> integer(n, p, 1, 1000));
            optional(delivery, "initialBackoff", "delivery.initialBackoff", this::duration);
            optional(delivery, "maxBackoff", "delivery.maxBackoff", this::duration);
            optional(delivery, "timeout", "delivery.timeout", this::duration);
            JsonNode cb = delivery.get("circuitBreaker");
            if (cb != null && mapping(cb, "delivery.circuitBreaker")) {
                keys(cb, "delivery.circuitBreaker", CIRCUIT);
                optional(
                        cb,
                        "failures",
                        "delivery.circuitBreaker.failures",
                        (n, p) -> integer(n, p, 1, Integer.MAX_VALUE));
                optional(cb, "openFor", "delivery.circuitBreaker.openFor", this::duration);
            }
        }
        JsonNode sinks = root.get("sinks");
        if (sinks != null && mapping(sinks, "sinks")) {
            if (sinks.isEmpty()) {
                add("sinks", "must name at least one sink");
            }
            sinks.fields().forEachRemaining(e -> sink(e.getKey(), e.getValue()));
        }
        JsonNode routes = root.get("routes");
        if (routes != null) {
            if (!routes.isArray()) {
                add("routes", "must be a list of routes");
            } else if (routes.isEmpty()) {
                add("routes", "must hold at least one route");
            } else {
                for (int i = 0; i < routes.size(); i++) {
                    route(routes.get(i), "routes[" + i + "]");
                }
            }
        }
    }

    private void sink(String name, JsonNode sink) {
        String path = "sinks." + name;
        if (!NAME.matcher(name).matches()) {
            add(path, "sink name '" + name + "' must be lower-case letters, digits, - and _ (it is a metric label)");
        }
        if (!mapping(sink, path)) {
            return;
        }
        keys(sink, path, SINK);
        required(sink, path, "type");
        JsonNode type = sink.get("type");
        if (type != null && oneOf(type, path + ".type", SINK_TYPES)) {
            String extra = REQUIRED_BY_TYPE.get(type.asText());
            if (extra != null) {
                required(sink, path, extra);
            }
        }
        optional(sink, "format", path + ".format", (n, p) -> oneOf(n, p, FORMATS));
        for (String url : List.of("url", "runbookUrl", "generatorUrl")) {
            // A URL may itself be a credential (Slack): never echo it.
            optional(sink, url, path + "." + url, (n, p) -> {
                if (string(n, p) && !HTTP_URL.matcher(n.asText()).matches()) {
                    add(p, "must be an http:// or https:// URL");
                }
            });
        }
        for (String key : List.of(
                "urlEnv",
                "urlFile",
                "secretEnv",
                "secretFile",
                "bootstrapServers",
                "path",
                "bearerTokenEnv",
                "bearerTokenFile",
                "caFile")) {
            optional(sink, key, path + "." + key, this::nonEmptyString);
        }
        for (String key : List.of("systemCAs", "legacySignature")) {
            optional(sink, key, path + "." + key, this::bool);
        }
        optional(sink, "headers", path + ".headers", this::headers);
        optional(sink, "basicAuth", path + ".basicAuth", (n, p) -> {
            if (mapping(n, p)) {
                keys(n, p, BASIC_AUTH);
                required(n, p, "username");
                optional(n, "username", p + ".username", (u, up) -> {
                    if (string(u, up) && !USERNAME.matcher(u.asText()).matches()) {
                        add(up, "must not be empty nor hold ':'");
                    }
                });
                optional(n, "passwordEnv", p + ".passwordEnv", this::nonEmptyString);
                optional(n, "passwordFile", p + ".passwordFile", this::nonEmptyString);
            }
        });
        optional(sink, "severityMap", path + ".severityMap", (n, p) -> {
            if (mapping(n, p)) {
                n.fields().forEachRemaining(e -> {
                    String at = p + "." + e.getKey();
                    if (!SEVERITIES.contains(e.getKey())) {
                        add(at, "'" + e.getKey() + "' is not one of [" + String.join(",", SEVERITIES) + "]");
                    }
                    nonEmptyString(e.getValue(), at);
                });
            }
        });
        optional(sink, "resolveAfter", path + ".resolveAfter", this::duration);
        optional(sink, "topic", path + ".topic", (n, p) -> {
            if (string(n, p) && !TOPIC.matcher(n.asText()).matches()) {
                add(p, "'" + n.asText() + "' is not a Kafka topic name");
            }
        });
        optional(sink, "maxBytes", path + ".maxBytes", (n, p) -> integer(n, p, 1024, Long.MAX_VALUE));
        optional(sink, "keep", path + ".keep", (n, p) -> integer(n, p, 0, 1000));
    }

    /** Name → a plain value, or where a secret value comes from (mapping). */
    private void headers(JsonNode n, String path) {
        if (!mapping(n, path)) {
            return;
        }
        n.fields().forEachRemaining(e -> {
            String at = path + "." + e.getKey();
            if (!HEADER_NAME.matcher(e.getKey()).matches()) {
                add(at, "'" + e.getKey() + "' is not an HTTP header name");
            }
            JsonNode value = e.getValue();
            if (value.isObject()) {
                keys(value, at, HEADER_SECRET);
                optional(value, "valueEnv", at + ".valueEnv", this::nonEmptyString);
                optional(value, "valueFile", at + ".valueFile", this::nonEmptyString);
                optional(value, "prefix", at + ".prefix", this::headerValue);
            } else if (value.isTextual()) {
                headerValue(value, at);
            } else {
                add(at, "must be a string, or a mapping with valueEnv or valueFile");
            }
        });
    }

    /** Never echoed: a value could be a credential put here by mistake. */
    private void headerValue(JsonNode n, String path) {
        if (string(n, path)
                && !HttpSinkSettings.HEADER_VALUE.matcher(n.asText()).matches()) {
            add(path, "has characters a header cannot carry (line breaks, control characters, non-ASCII)");
        }
    }

    private void bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            add(path, "must be true or false");
        }
    }

    private void route(JsonNode route, String path) {
        if (!mapping(route, path)) {
            return;
        }
        keys(route, path, ROUTE);
        required(route, path, "sinks");
        optional(route, "name", path + ".name", this::string);
        optional(route, "continue", path + ".continue", this::bool);
        optional(route, "sinks", path + ".sinks", (n, p) -> {
            if (list(n, p)) {
                for (int i = 0; i < n.size(); i++) {
                    if (string(n.get(i), p + "[" + i + "]")
                            && !NAME.matcher(n.get(i).asText()).matches()) {
                        add(p + "[" + i + "]", "'" + n.get(i).asText() + "' is not a sink name");
                    }
                }
            }
        });
        JsonNode match = route.get("match");
        if (match != null && mapping(match, path + ".match")) {
            keys(match, path + ".match", MATCH);
            for (String key : List.of("tenants", "namespaces", "detectors", "clusters")) {
                optional(match, key, path + ".match." + key, (n, p) -> {
                    if (list(n, p)) {
                        for (int i = 0; i < n.size(); i++) {
                            string(n.get(i), p + "[" + i + "]");
                        }
                    }
                });
            }
            optional(match, "minSeverity", path + ".match.minSeverity", (n, p) -> oneOf(n, p, SEVERITIES));
        }
    }

    private interface Check {
        void apply(JsonNode node, String path);
    }

    private static void optional(JsonNode parent, String key, String path, Check check) {
        JsonNode n = parent.get(key);
        if (n != null) {
            check.apply(n, path);
        }
    }

    private boolean mapping(JsonNode n, String path) {
        if (!n.isObject()) {
            add(path, "must be a mapping");
            return false;
        }
        return true;
    }

    private boolean list(JsonNode n, String path) {
        if (!n.isArray()) {
            add(path, "must be a list");
            return false;
        }
        if (n.isEmpty()) {
            add(path, "must not be empty");
            return false;
        }
        return true;
    }

    private boolean string(JsonNode n, String path) {
        if (!n.isTextual()) {
            add(path, "must be a string");
            return false;
        }
        return true;
    }

    private void nonEmptyString(JsonNode n, String path) {
        if (string(n, path) && n.asText().isEmpty()) {
            add(path, "must not be empty");
        }
    }

    private void duration(JsonNode n, String path) {
        if (string(n, path) && !DURATION.matcher(n.asText()).matches()) {
            add(path, "'" + n.asText() + "' is not a duration (e.g. " + Durations.EXAMPLES + ")");
        }
    }

    private void integer(JsonNode n, String path, long min, long max) {
        if (!n.isIntegralNumber()) {
            add(path, "must be a whole number");
        } else if (n.asLong() < min || n.asLong() > max) {
            add(
                    path,
                    max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                            ? "must be at least " + min
                            : "must be between " + min + " and " + max);
        }
    }

    private boolean oneOf(JsonNode n, String path, List<String> values) {
        if (!n.isTextual() || !values.contains(n.asText())) {
            add(path, "'" + n.asText() + "' is not one of [" + String.join(",", values) + "]");
            return false;
        }
        return true;
    }

    private void keys(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String where = path == null ? key : path + "." + key;
                add(
                        where,
                        SECRET_LOOKING.containsKey(key)
                                ? "secrets never go in the routes file; use " + SECRET_LOOKING.get(key) + "Env or "
                                        + SECRET_LOOKING.get(key) + "File"
                                : "unknown key");
            }
        }
    }

    private void required(JsonNode n, String path, String... keys) {
        for (String key : keys) {
            if (!n.has(key)) {
                add(path == null ? key : path + "." + key, "missing (required here)");
            }
        }
    }

    private void add(String path, String problem) {
        problems.add(path, problem);
    }
}
