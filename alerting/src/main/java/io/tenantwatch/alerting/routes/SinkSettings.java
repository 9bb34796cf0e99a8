package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.sinks.Secret;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sink entry of a routes file, turned into its {@link SinkConfig}: the keys must fit the
 * type, an HTTP sink has exactly one URL source, a webhook's HMAC key comes from the environment
 * or a file (never the routes file) and is long enough. Messages never show a secret or a URL
 * read from the environment or a file.
 */
final class SinkSettings {

    /** HMAC keys shorter than this are refused: they can be guessed. */
    static final int MIN_SECRET_BYTES = 16;

    private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.of(
            "alertmanager", Set.of("type", "url", "urlEnv", "urlFile", "runbookUrl", "generatorUrl", "resolveAfter"),
            "webhook", Set.of("type", "url", "urlEnv", "urlFile", "secretEnv", "secretFile", "format"),
            "slack", Set.of("type", "url", "urlEnv", "urlFile"),
            "kafka", Set.of("type", "topic", "bootstrapServers", "format"),
            "file", Set.of("type", "path", "maxBytes", "keep", "format"),
            "stdout", Set.of("type", "format"));

    private final Function<String, String> env;
    private final Path baseDir;
    private final ConfigProblems problems;

    SinkSettings(Function<String, String> env, Path baseDir, ConfigProblems problems) {
        this.env = env;
        this.baseDir = baseDir;
        this.problems = problems;
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
                        Duration resolveAfter = RoutesLoader.duration(
                                node.get("resolveAfter"),
                                path + ".resolveAfter",
                                SinkConfig.Alertmanager.DEFAULT_RESOLVE_AFTER,
                                problems);
                        yield url == null
                                ? null
                                : new SinkConfig.Alertmanager(
                                        name,
                                        url,
                                        RoutesLoader.text(node, "runbookUrl"),
                                        RoutesLoader.text(node, "generatorUrl"),
                                        resolveAfter);
                    }
                    case "webhook" -> {
                        Secret url = url(node, path);
                        Secret key = hmacKey(node, path);
                        yield url == null || key == null ? null : new SinkConfig.Webhook(name, url, key, format);
                    }
                    case "slack" -> {
                        Secret url = url(node, path);
                        yield url == null ? null : new SinkConfig.Slack(name, url);
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
                    case "urlEnv" -> fromEnv(node.get(key).asText(), path + "." + key);
                    default ->
                        fromFile(RoutesLoader.resolve(baseDir, node.get(key).asText()), path + "." + key);
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

    private Secret hmacKey(JsonNode node, String path) {
        boolean fromEnv = node.has("secretEnv");
        boolean fromFile = node.has("secretFile");
        if (fromEnv == fromFile) {
            problems.add(
                    path,
                    fromEnv
                            ? "give only one of secretEnv, secretFile"
                            : "a webhook needs secretEnv or secretFile (the HMAC key; never in this file)");
            return null;
        }
        String key = fromEnv ? "secretEnv" : "secretFile";
        String value = fromEnv
                ? fromEnv(node.get(key).asText(), path + "." + key)
                : fromFile(RoutesLoader.resolve(baseDir, node.get(key).asText()), path + "." + key);
        if (value == null) {
            return null;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add(path + "." + key, "the secret is shorter than " + MIN_SECRET_BYTES + " bytes");
            return null;
        }
        return new Secret(value);
    }

    private String fromEnv(String variable, String path) {
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            problems.add(path, "environment variable " + variable + " is not set");
            return null;
        }
        return value;
    }

    private String fromFile(Path file, String path) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                problems.add(path, file + " is empty");
                return null;
            }
            return value;
        } catch (IOException e) {
            problems.add(path, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }
}
