package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.sinks.HttpSettings;
import io.tenantwatch.alerting.sinks.Secret;
import io.tenantwatch.alerting.sinks.TrustedCAs;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link HttpSettings} of an HTTP sink entry: {@code headers}, {@code bearerToken…},
 * {@code basicAuth}, {@code caFile}, {@code systemCAs}. Checked here beyond the file's shape: at
 * most one way to fill {@code Authorization}; no header tenantwatch sets itself; a header whose
 * name says it carries a credential takes its value from the environment or a file; every secret
 * resolves and fits in a header; the CA file holds certificates.
 */
final class HttpSinkSettings {

    /** Header values as HTTP carries them: visible ASCII, spaces and tabs (no line breaks). */
    static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

    /** A bearer token is one token68-like word. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    /** Names that say the value is a credential: such a value never sits in the routes file. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(auth|cookie|token|secret|passw|key|signature).*");

    /** Headers tenantwatch or the HTTP client sets: the sink's own would be overwritten or refused. */
    private static final Set<String> RESERVED = Set.of(
            "content-type",
            "content-length",
            "user-agent",
            "host",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            "te");

    private static final List<String> RESERVED_PREFIXES = List.of("webhook-", "x-tenantwatch-");

    private static final SecretSources.Rule IN_A_HEADER = SecretSources.Rule.of(
            v -> HEADER_VALUE.matcher(v).matches(), "the value has characters a header cannot carry (line breaks)");
    private static final SecretSources.Rule BEARER =
            SecretSources.Rule.of(v -> TOKEN.matcher(v).matches(), "a bearer token is one word of visible characters");

    private final SecretSources secrets;
    private final Path baseDir;
    private final ConfigProblems problems;

    HttpSinkSettings(SecretSources secrets, Path baseDir, ConfigProblems problems) {
        this.secrets = secrets;
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /** The settings, or null when the entry has problems (recorded). */
    HttpSettings parse(JsonNode node, String path) {
        int before = problems.count();
        Map<String, HttpSettings.HeaderValue> headers = headers(node.get("headers"), path + ".headers");
        boolean bearer = node.has("bearerTokenEnv") || node.has("bearerTokenFile");
        boolean basic = node.has("basicAuth");
        Secret token = null;
        HttpSettings.BasicAuth basicAuth = null;
        if (bearer && basic) {
            problems.add(path, "give only one of a bearer token and basicAuth (both set Authorization)");
        } else if (bearer) {
            token = secrets.secret(node, "bearerToken", path, "the bearer token", BEARER);
        } else if (basic) {
            basicAuth = basicAuth(node.get("basicAuth"), path + ".basicAuth");
        }
        if ((bearer || basic) && headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))) {
            problems.add(
                    path + ".headers.Authorization",
                    "Authorization is set by " + (bearer ? "the bearer token" : "basicAuth") + " already");
        }
        Path caFile = caFile(node, path);
        boolean systemCAs = node.path("systemCAs").asBoolean(false);
        if (node.has("systemCAs") && !node.has("caFile")) {
            problems.add(path + ".systemCAs", "only with caFile (without it the JVM's CAs are trusted)");
        }
        if (problems.count() != before) {
            return null;
        }
        return new HttpSettings(headers, token, basicAuth, caFile, caFile == null || systemCAs);
    }

    private Map<String, HttpSettings.HeaderValue> headers(JsonNode node, String path) {
        Map<String, HttpSettings.HeaderValue> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String at = path + "." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
                problems.add(at, "tenantwatch sets this header itself");
                return;
            }
            if (out.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                problems.add(at, "given twice (header names ignore case)");
                return;
            }
            JsonNode value = e.getValue();
            if (value.isTextual()) {
                if (SECRET_NAME.matcher(name).matches()) {
                    problems.add(at, "looks like a credential: give it with valueEnv or valueFile, never in this file");
                    return;
                }
                out.put(name, HttpSettings.HeaderValue.plain(value.asText()));
                return;
            }
            Secret secret = secrets.secret(value, "value", at, "the header's value", IN_A_HEADER);
            if (secret != null) {
                out.put(name, HttpSettings.HeaderValue.secret(RoutesLoader.text(value, "prefix"), secret));
            }
        });
        return out;
    }

    private HttpSettings.BasicAuth basicAuth(JsonNode node, String path) {
        String username = node.get("username").asText();
        Secret password = secrets.secret(node, "password", path, "the password", SecretSources.Rule.ANY);
        return password == null ? null : new HttpSettings.BasicAuth(username, password);
    }

    private Path caFile(JsonNode node, String path) {
        if (!node.has("caFile")) {
            return null;
        }
        Path file = RoutesLoader.resolve(baseDir, node.get("caFile").asText());
        // Read as the sink will, so a wrong file stops the start rather than the first delivery.
        if (secrets.read(file, path + ".caFile") == null) {
            return null;
        }
        try {
            TrustedCAs.read(file);
            return file;
        } catch (IOException e) {
            problems.add(
                    path + ".caFile",
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            problems.add(path + ".caFile", file + " " + e.getMessage());
        }
        return null;
    }
}
