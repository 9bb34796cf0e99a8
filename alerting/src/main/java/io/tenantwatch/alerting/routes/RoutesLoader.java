package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.delivery.DeliveryPolicy;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.alerting.suppress.SuppressionPolicy;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import io.tenantwatch.schemas.config.ConfigProblems;
import io.tenantwatch.schemas.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a routes file: YAML, checked for the shape {@code schemas/routes.schema.json} describes
 * ({@link RoutesStructure}), then for what a schema cannot say (a route names a sink that
 * exists, each HTTP sink has exactly one URL source, secrets resolve, keys fit the sink type,
 * globs and durations parse). Every problem is
 * reported at once, one line each, as {@code FILE: path.of.entry: problem}, in a
 * {@link ConfigException}; a key given twice is refused ({@link ConfigFiles}).
 *
 * <p>Secrets never come from the file: a webhook's HMAC key from {@code secretEnv} or
 * {@code secretFile}, and a URL that is a credential (Slack) may come from {@code urlEnv} or
 * {@code urlFile}. Relative file paths are resolved against the routes file's directory. Error
 * messages never show a secret or a URL taken from the environment or a file.
 */
public final class RoutesLoader {

    private final Function<String, String> env;

    /** Secrets from the process environment. */
    public RoutesLoader() {
        this(System::getenv);
    }

    /** @param env how to read an environment variable (tests pass their own) */
    public RoutesLoader(Function<String, String> env) {
        this.env = env;
    }

    public Routes load(Path file) throws ConfigException {
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), ConfigFiles.read(file), dir);
    }

    /** @param baseDir where relative paths in the file point from */
    public Routes parse(String name, String text, Path baseDir) throws ConfigException {
        JsonNode root = ConfigFiles.parseYaml(name, text);
        if (root == null || root.isNull() || root.isMissingNode() || !root.isObject()) {
            throw ConfigException.of(name, "the top level must be a mapping with sinks and routes");
        }
        ConfigProblems problems = new ConfigProblems(name);
        // The meaning is checked only in a file of the right shape.
        RoutesStructure.check(root, problems);
        problems.throwIfAny();
        SuppressionPolicy suppression = suppression(root.get("suppression"), problems);
        DeliveryPolicy delivery = delivery(root.get("delivery"), problems);
        Map<String, SinkConfig> sinks = new LinkedHashMap<>();
        SinkSettings sinkSettings = new SinkSettings(env, baseDir, problems);
        root.get("sinks").fields().forEachRemaining(e -> sinkSettings
                .parse(e.getKey(), e.getValue())
                .ifPresent(s -> sinks.put(e.getKey(), s)));
        List<Route> routes = new ArrayList<>();
        JsonNode routeNodes = root.get("routes");
        for (int i = 0; i < routeNodes.size(); i++) {
            Route route = route("routes[" + i + "]", routeNodes.get(i), root.get("sinks"), problems);
            if (route != null) {
                routes.add(route);
            }
        }
        problems.throwIfAny();
        return new Routes(name, suppression, delivery, sinks, routes);
    }

    private SuppressionPolicy suppression(JsonNode node, ConfigProblems problems) {
        if (node == null) {
            return SuppressionPolicy.defaults();
        }
        Duration window =
                duration(node.get("window"), "suppression.window", SuppressionPolicy.DEFAULT_WINDOW, problems);
        Map<String, Duration> byDetector = new LinkedHashMap<>();
        JsonNode detectors = node.get("detectors");
        if (detectors != null) {
            detectors
                    .fields()
                    .forEachRemaining(e -> byDetector.put(
                            e.getKey(),
                            duration(e.getValue(), "suppression.detectors." + e.getKey(), window, problems)));
        }
        return new SuppressionPolicy(window, byDetector);
    }

    private DeliveryPolicy delivery(JsonNode node, ConfigProblems problems) {
        DeliveryPolicy d = DeliveryPolicy.defaults();
        if (node == null) {
            return d;
        }
        int maxAttempts = node.has("maxAttempts") ? node.get("maxAttempts").asInt() : d.maxAttempts();
        Duration initial =
                duration(node.get("initialBackoff"), "delivery.initialBackoff", d.initialBackoff(), problems);
        Duration max = duration(node.get("maxBackoff"), "delivery.maxBackoff", d.maxBackoff(), problems);
        Duration timeout = duration(node.get("timeout"), "delivery.timeout", d.timeout(), problems);
        JsonNode cb = node.path("circuitBreaker");
        int failures = cb.has("failures") ? cb.get("failures").asInt() : d.circuitFailures();
        Duration openFor = duration(cb.get("openFor"), "delivery.circuitBreaker.openFor", d.circuitOpenFor(), problems);
        if (initial.isZero()) {
            problems.add("delivery.initialBackoff", "must be more than 0");
            initial = d.initialBackoff();
        }
        if (max.compareTo(initial) < 0) {
            problems.add("delivery.maxBackoff", "must not be less than initialBackoff");
            max = initial;
        }
        if (timeout.isZero()) {
            problems.add("delivery.timeout", "must be more than 0");
            timeout = d.timeout();
        }
        if (openFor.isZero()) {
            problems.add("delivery.circuitBreaker.openFor", "must be more than 0");
            openFor = d.circuitOpenFor();
        }
        return new DeliveryPolicy(maxAttempts, initial, max, timeout, failures, openFor);
    }

    private Route route(String path, JsonNode node, JsonNode sinks, ConfigProblems problems) {
        List<String> names = new ArrayList<>();
        JsonNode sinkNodes = node.get("sinks");
        for (int i = 0; i < sinkNodes.size(); i++) {
            String sink = sinkNodes.get(i).asText();
            if (!sinks.has(sink)) {
                List<String> defined = new ArrayList<>();
                sinks.fieldNames().forEachRemaining(defined::add);
                problems.add(
                        path + ".sinks[" + i + "]",
                        "no sink named '" + sink + "' (defined: " + String.join(", ", defined) + ")");
            } else if (!names.contains(sink)) {
                names.add(sink);
            }
        }
        RouteMatch match = RouteMatch.ALL;
        JsonNode m = node.get("match");
        if (m != null) {
            Severity min = m.has("minSeverity")
                    ? Severity.fromLabel(m.get("minSeverity").asText())
                    : null;
            match = new RouteMatch(
                    names(m, "tenants", path, problems),
                    names(m, "namespaces", path, problems),
                    names(m, "detectors", path, problems),
                    names(m, "clusters", path, problems),
                    min);
        }
        String name = node.has("name") ? node.get("name").asText() : path;
        return new Route(name, match, names, node.path("continue").asBoolean(false));
    }

    private static NameMatch names(JsonNode match, String key, String path, ConfigProblems problems) {
        JsonNode list = match.get(key);
        if (list == null) {
            return null;
        }
        List<String> patterns = new ArrayList<>();
        list.forEach(n -> patterns.add(n.asText()));
        try {
            return NameMatch.of(patterns);
        } catch (IllegalArgumentException e) {
            problems.add(path + ".match." + key, e.getMessage());
            return null;
        }
    }

    static Duration duration(JsonNode node, String path, Duration otherwise, ConfigProblems problems) {
        if (node == null) {
            return otherwise;
        }
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return otherwise;
        }
    }

    static String text(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asText() : null;
    }

    static Path resolve(Path baseDir, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }
}
