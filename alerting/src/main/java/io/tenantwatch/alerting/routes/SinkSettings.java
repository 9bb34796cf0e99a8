package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import io.tenantwatch.alerting.sinks.HttpSettings;
import io.tenantwatch.alerting.sinks.Secret;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.alerting.sinks.WebhookKeys;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sink entry of a routes file, turned into its {@link SinkConfig}: the keys must fit the
 * type, an HTTP sink has exactly one URL source and its headers and credentials check out
 * ({@link HttpSinkSettings}), a webhook's secret comes from the environment or a file (never the
 * routes file) and holds one or two usable keys ({@link WebhookKeys}). Messages never show a
 * secret or a URL read from the environment or a file.
 */
final class SinkSettings {

    /** What every HTTP sink takes besides its own keys. */
    private static final Set<String> HTTP = Set.of(
            "url",
            "urlEnv",
            "urlFile",
            "headers",
            "bearerTokenEnv",
            "bearerTokenFile",
            "basicAuth",
            "caFile",
            "systemCAs");

    private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.of(
            "alertmanager", with(HTTP, "runbookUrl", "generatorUrl", "resolveAfter", "severityMap"),
            "webhook", with(HTTP, "secretEnv", "secretFile", "format", "legacySignature"),
            "slack", with(HTTP),
            "kafka", Set.of("type", "topic", "bootstrapServers", "format"),
            "file", Set.of("type", "path", "maxBytes", "keep", "format"),
            "stdout", Set.of("type", "format"));

    private static final SecretSources.Rule WEBHOOK_KEYS = value -> {
        try {
            WebhookKeys.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    };

    private final Path baseDir;
    private final ConfigProblems problems;
    private final SecretSources secrets;
    private final HttpSinkSettings http;

    SinkSettings(Function<String, String> env, Path baseDir, ConfigProblems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
        this.secrets = new SecretSources(env, baseDir, problems);
        this.http = new HttpSinkSettings(secrets, baseDir, problems);
    }

    private static Set<String> with(Set<String> common, String... own) {
        Set<String> out = new HashSet<>(common);
        out.add("type");
        out.addAll(List.of(own));
        return Set.copyOf(out);
    }

    /** The sink, or empty when the entry has problems (recorded). */
    Optional<SinkConfig> parse(String name, JsonNode node) {
        String path = "sinks." + name;
        String type = node.get("type").asText();
        Set<String> allowed = KEYS_BY_TYPE.get(type);
        int before = problems.count();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                problems.add(path + "." + key, "not a setting of a " + type + " sink");
            }
        }
        AlertFormat format = format(node.get("format"), type, path, problems);
        SinkConfig config =
                switch (type) {
                    case "alertmanager" -> {
                        Secret url = url(node, path);
                        HttpSettings settings = http.parse(node, path);
                        Duration resolveAfter = RoutesLoader.duration(
                                node.get("resolveAfter"),
                                path + ".resolveAfter",
                                AlertmanagerPayload.Options.DEFAULT_RESOLVE_AFTER,
                                problems);
                        yield url == null || settings == null
                                ? null
                                : new SinkConfig.Alertmanager(
                                        name,
                                        url,
                                        settings,
                                        new AlertmanagerPayload.Options(
                                                resolveAfter,
                                                RoutesLoader.text(node, "runbookUrl"),
                                                RoutesLoader.text(node, "generatorUrl"),
                                                severities(node.get("severityMap"))));
                    }
                    case "webhook" -> {
                        Secret url = url(node, path);
                        HttpSettings settings = http.parse(node, path);
                        Secret key = secrets.secret(node, "secret", path, "the HMAC key", WEBHOOK_KEYS);
                        yield url == null || settings == null || key == null
                                ? null
                                : new SinkConfig.Webhook(
                                        name,
                                        url,
                                        settings,
                                        key,
                                        format,
                                        node.path("legacySignature").asBoolean(true));
                    }
                    case "slack" -> {
                        Secret url = url(node, path);
                        HttpSettings settings = http.parse(node, path);
                        yield url == null || settings == null ? null : new SinkConfig.Slack(name, url, settings);
                    }
                    case "kafka" ->
                        new SinkConfig.Kafka(
                                name, node.get("topic").asText(), RoutesLoader.text(node, "bootstrapServers"), format);
                    case "file" ->
                        new SinkConfig.File(
                                name,
                                RoutesLoader.resolve(baseDir, node.get("path").asText()),
                                node.has("maxBytes")
                                        ? node.get("maxBytes").asLong()
                                        : SinkConfig.File.DEFAULT_MAX_BYTES,
                                node.has("keep") ? node.get("keep").asInt() : SinkConfig.File.DEFAULT_KEEP,
                                format);
                    default -> new SinkConfig.Stdout(name, format);
                };
        return problems.count() == before ? Optional.ofNullable(config) : Optional.empty();
    }

    private static AlertFormat format(JsonNode node, String type, String path, ConfigProblems problems) {
        if (node == null) {
            return AlertFormat.JSON;
        }
        String value = node.asText();
        if ("text".equals(value) && !"stdout".equals(type)) {
            problems.add(path + ".format", "text is for stdout only; use native or ocsf");
        }
        return switch (value) {
            case "ocsf" -> AlertFormat.OCSF;
            case "text" -> AlertFormat.TEXT;
            default -> AlertFormat.JSON;
        };
    }

    /** Exactly one of url, urlEnv, urlFile; the value must be an http(s) URL (never echoed). */
    private Secret url(JsonNode node, String path) {
        List<String> given = new ArrayList<>();
        for (String k : List.of("url", "urlEnv", "urlFile")) {
            if (node.has(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            problems.add(
                    path,
                    given.isEmpty()
                            ? "needs one of url, urlEnv or urlFile"
                            : "give only one of " + String.join(", ", given));
            return null;
        }
        String key = given.get(0);
        String value =
                switch (key) {
                    case "url" -> node.get("url").asText();
                    case "urlEnv" -> secrets.readEnv(node.get(key).asText(), path + "." + key);
                    default ->
                        secrets.read(RoutesLoader.resolve(baseDir, node.get(key).asText()), path + "." + key);
                };
        if (value == null) {
            return null;
        }
        value = value.trim();
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            problems.add(
                    path + "." + key,
                    "url".equals(key)
                            ? "must be an http:// or https:// URL"
                            : "the value it names is not an http:// or https:// URL");
            return null;
        }
        try {
            java.net.URI.create(value);
        } catch (IllegalArgumentException e) {
            problems.add(
                    path + "." + key, "url".equals(key) ? "not a valid URL" : "the value it names is not a valid URL");
            return null;
        }
        return new Secret(value);
    }

    /** The default severity words with the entry's own, level by level. */
    private static Map<Severity, String> severities(JsonNode node) {
        Map<Severity, String> overrides = new EnumMap<>(Severity.class);
        if (node != null) {
            node.fields()
                    .forEachRemaining(e -> overrides.put(
                            Severity.fromLabel(e.getKey()), e.getValue().asText()));
        }
        return AlertmanagerPayload.Options.severities(overrides);
    }
}
