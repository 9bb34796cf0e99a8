package io.tenantwatch.schemas.config;

import java.util.List;

/**
 * A configuration that cannot be used: the one error type of every operator file (detectors.yaml,
 * routes.yaml, the tenancy file, the Event Hubs file) and every setting given on the command line
 * or in the environment ({@code --eventhubs}, {@code --token-file}, TLS files, {@code --kubeconfig}).
 * It names its {@linkplain #source() source} and carries every problem found in it, one line each,
 * worded {@code SOURCE: path.of.entry: problem} (or {@code SOURCE: problem} for the whole source),
 * so that one run shows an operator everything to fix. A line never holds a secret value: a
 * token, a key, a connection string or a URL read from the environment or a file.
 *
 * <p>Built by {@link ConfigProblems}, which collects the problems of one source; a single problem
 * found on its own can use {@link #of(String, String)}.
 *
 * <p><b>Unchecked, deliberately.</b> A configuration problem is not recovered from where it is
 * found; it travels to one of two places: the command line, where {@code Failures} turns it into
 * exit status 2 and its lines, and a hot reload, which keeps the running configuration and says
 * why. Loaders declare it in their {@code throws} clauses so that both kinds of caller see it, and
 * the reload paths catch it by name. Checked, it could not be thrown where configuration is
 * checked today: a record's canonical constructor (Java forbids a {@code throws} clause there), a
 * check running on another thread ({@code CompletableFuture}), a picocli option read while the
 * command line is parsed; each of those wrapped it in a type of its own, which is how seven
 * configuration exception types came to exist.
 *
 * <p>No stack trace is recorded: the lines are the whole story for a person, and where it was
 * thrown is not news to anyone. The cause, when there is one (an {@code IOException}), is kept for
 * {@code --debug}.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    ConfigException(String source, List<String> problems, Throwable cause) {
        super(String.join("\n", problems), cause, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception names at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** One problem of the whole source: {@code SOURCE: problem}. */
    public static ConfigException of(String source, String problem) {
        return of(source, problem, null);
    }

    /** One problem of the whole source, with what caused it (shown with {@code --debug} only). */
    public static ConfigException of(String source, String problem, Throwable cause) {
        return new ConfigProblems(source).add(null, problem).exception(cause);
    }

    /** The file or option the problems are in, as the operator gave it. */
    public String source() {
        return source;
    }

    /** Every problem, one line each, naming the source and, where there is one, the path of the entry. */
    public List<String> problems() {
        return problems;
    }
}
