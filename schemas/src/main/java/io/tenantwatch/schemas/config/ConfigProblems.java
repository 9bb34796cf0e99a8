package io.tenantwatch.schemas.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one configuration source, collected while it is read so that a bad file is
 * reported whole instead of one mistake per run: each {@link #add} is one line
 * {@code SOURCE: path: problem}, and {@link #throwIfAny()} ends the reading with a
 * {@link ConfigException} holding them all. A problem is always one line: line breaks in it (a
 * parser's message) are folded into spaces.
 *
 * <p>Not thread-safe: one collector serves one reading.
 */
public final class ConfigProblems {

    private final String source;
    private final String prefix;
    private final List<String> lines;
    private Throwable cause;

    /** @param source the file or option, as the operator gave it (e.g. {@code conf/routes.yaml}, {@code --eventhubs}) */
    public ConfigProblems(String source) {
        this(source, source, new ArrayList<>());
    }

    private ConfigProblems(String source, String prefix, List<String> lines) {
        this.source = source;
        this.prefix = prefix;
        this.lines = lines;
    }

    /**
     * The same collector, its lines naming one part of the source by a name of its own, such as one
     * hub of {@code --eventhubs} ({@code --eventhubs aks-audit}); the exception still names the
     * whole source.
     */
    public ConfigProblems part(String name) {
        return new ConfigProblems(source, name, lines);
    }

    /**
     * @param path    where in the source, e.g. {@code routes[2].match.tenants}; null or empty for the whole source
     * @param problem what is wrong, never with a secret value
     */
    public ConfigProblems add(String path, String problem) {
        String where = path == null || path.isEmpty() ? "" : oneLine(path) + ": ";
        lines.add(prefix + ": " + where + oneLine(problem));
        return this;
    }

    /** The lines of a problem found by a check of its own (a connection string file, one hub), as they are. */
    public ConfigProblems addAll(ConfigException e) {
        lines.addAll(e.problems());
        if (cause == null) {
            cause = e.getCause();
        }
        return this;
    }

    /** How many problems so far; a caller compares counts to see whether one part of the source was good. */
    public int count() {
        return lines.size();
    }

    /** @throws ConfigException with every problem collected, if there is one */
    public void throwIfAny() throws ConfigException {
        if (!lines.isEmpty()) {
            throw exception(cause);
        }
    }

    ConfigException exception(Throwable cause) {
        return new ConfigException(source, lines, cause);
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
