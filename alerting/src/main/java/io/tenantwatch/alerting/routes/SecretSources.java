package io.tenantwatch.alerting.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.sinks.Secret;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a sink's secrets come from: an environment variable ({@code …Env}) or a file
 * ({@code …File}, trailing white space ignored, relative to the routes file), never the routes file
 * itself. A secret from a file follows the file ({@link Secret#fromFile}), so a rotated
 * Kubernetes Secret is used without a restart. Problems name the key, the variable or the file,
 * never the value.
 */
final class SecretSources {

    /** What a secret must be: the problem with a value (never quoting it), or null when it is usable. */
    @FunctionalInterface
    interface Rule {
        Rule ANY = v -> null;

        String problem(String value);

        static Rule of(Predicate<String> usable, String problem) {
            return v -> usable.test(v) ? null : problem;
        }
    }

    private final Function<String, String> env;
    private final Path baseDir;
    private final ConfigProblems problems;

    SecretSources(Function<String, String> env, Path baseDir, ConfigProblems problems) {
        this.env = env;
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /**
     * The secret of {@code <stem>Env} or {@code <stem>File} in {@code node}, exactly one of which is
     * given; null (and a problem recorded) otherwise, or when it cannot be read or breaks the rule.
     *
     * @param what how to name the secret in a problem ("the HMAC key", "the bearer token")
     */
    Secret secret(JsonNode node, String stem, String path, String what, Rule rule) {
        String envKey = stem + "Env";
        String fileKey = stem + "File";
        boolean fromEnv = node.has(envKey);
        boolean fromFile = node.has(fileKey);
        if (fromEnv == fromFile) {
            problems.add(
                    path,
                    fromEnv
                            ? "give only one of " + envKey + ", " + fileKey
                            : "needs " + envKey + " or " + fileKey + " (" + what + "; never in this file)");
            return null;
        }
        return fromEnv
                ? fromEnv(node.get(envKey).asText(), path + "." + envKey, rule)
                : fromFile(node.get(fileKey).asText(), path + "." + fileKey, rule);
    }

    Secret fromEnv(String variable, String path, Rule rule) {
        String value = readEnv(variable, path);
        if (value == null) {
            return null;
        }
        String problem = rule.problem(value);
        if (problem != null) {
            problems.add(path, "environment variable " + variable + ": " + problem);
            return null;
        }
        return new Secret(value);
    }

    Secret fromFile(String name, String path, Rule rule) {
        Path file = RoutesLoader.resolve(baseDir, name);
        String value = read(file, path);
        if (value == null) {
            return null;
        }
        String problem = rule.problem(value);
        if (problem != null) {
            problems.add(path, file + ": " + problem);
            return null;
        }
        return Secret.fromFile(file, value, v -> rule.problem(v) == null);
    }

    /** A variable's value, stripped; null (and a problem) when unset or blank. */
    String readEnv(String variable, String path) {
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            problems.add(path, "environment variable " + variable + " is not set");
            return null;
        }
        return value.strip();
    }

    /** A file's content, stripped; null (and a problem) when missing, unreadable or empty. */
    String read(Path file, String path) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                problems.add(path, file + " is empty");
                return null;
            }
            return value;
        } catch (NoSuchFileException e) {
            problems.add(path, file + " does not exist");
            return null;
        } catch (AccessDeniedException e) {
            problems.add(path, "not allowed to read " + file);
            return null;
        } catch (IOException e) {
            problems.add(path, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }
}
