package io.tenantwatch.schemas.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as every operator file writes them: a whole number and a unit, {@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 1h}, {@code 14d}; white space around it is ignored. One grammar
 * for detectors.yaml, routes.yaml and whatever comes next, so that a value that works in one file
 * works in all of them. (It is the grammar both files accepted before they shared it; neither
 * accepted ISO-8601.)
 */
public final class Durations {

    /** The grammar as a regular expression over the whole value, for JSON Schemas and structure checks. */
    public static final String PATTERN = "\\d+(ms|s|m|h|d)";
    /** Examples for messages. */
    public static final String EXAMPLES = "500ms, 30s, 10m, 1h, 1d";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException whose message is the problem, one line naming the value: not
     *                                  a duration, or one too long for {@link Duration} (a number of
     *                                  twenty digits is a mistake, never a failure of the loader)
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : trim(text);
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. " + EXAMPLES + ")");
        }
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is too long a duration");
        }
    }

    /** The largest unit that divides the duration exactly: {@code 14d}, {@code 90s}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /**
     * Without what either former parser ignored around a value: {@link String#strip()}'s white
     * space and {@link String#trim()}'s control characters.
     */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && ignorable(text.charAt(start))) {
            start++;
        }
        while (end > start && ignorable(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean ignorable(char c) {
        return c <= ' ' || Character.isWhitespace(c);
    }
}
