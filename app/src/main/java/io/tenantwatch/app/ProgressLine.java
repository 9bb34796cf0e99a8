package io.tenantwatch.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line on stderr, rewritten in place at most once a second while a long run works: records
 * read, events a second, alerts so far, and, when the size of the work is known, how far it is
 * and the time left. {@link #finish} erases it so that the run's summary starts on a clean line.
 * Not thread-safe: the thread that reads updates it.
 */
public class ProgressLine {

    /** Prints nothing: stderr is not a terminal, or the user said {@code --progress never}. */
    public static final ProgressLine SILENT = new ProgressLine();

    static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private ProgressLine() {}

    /**
     * @param total the work's size (replay: input bytes; bench: events), or 0 or less when unknown
     *              (standard input)
     */
    static ProgressLine printing(PrintWriter err, String verb, long total, LongSupplier nanoClock) {
        return new Printing(err, verb, total, nanoClock);
    }

    /**
     * Where the run is: {@code done} counts what the total counts; called as often as the caller
     * likes, it prints only when a second has passed since the last line.
     */
    public void update(long events, long alerts, long done) {}

    /** Erases the line, if one was printed. */
    public void finish() {}

    private static final class Printing extends ProgressLine {

        private final PrintWriter err;
        private final String verb;
        private final long total;
        private final LongSupplier clock;
        private long started = -1;
        private long lastPrinted;
        private int width;

        Printing(PrintWriter err, String verb, long total, LongSupplier clock) {
            this.err = err;
            this.verb = verb;
            this.total = total;
            this.clock = clock;
        }

        @Override
        public void update(long events, long alerts, long done) {
            long now = clock.getAsLong();
            if (started < 0) {
                // The clock starts with the work, not with the line (bench warms up in between).
                started = now;
                lastPrinted = now;
                return;
            }
            if (now - lastPrinted < INTERVAL_NANOS) {
                return;
            }
            lastPrinted = now;
            double seconds = (now - started) / 1e9;
            StringBuilder line = new StringBuilder(96);
            line.append(verb)
                    .append(": ")
                    .append(String.format(
                            Locale.ROOT, "%,d events (%,.0f/s), %,d alerts", events, events / seconds, alerts));
            if (total > 0 && done > 0) {
                double fraction = Math.min(1.0, (double) done / total);
                line.append(String.format(Locale.ROOT, ", %.0f%%", fraction * 100));
                long left = Math.round(seconds / fraction - seconds);
                line.append(", about ").append(duration(left)).append(" left");
            }
            print(line.toString());
        }

        @Override
        public void finish() {
            if (width > 0) {
                err.print('\r' + " ".repeat(width) + '\r');
                err.flush();
                width = 0;
            }
        }

        private void print(String line) {
            // Pad over a longer line printed before, so that no old characters remain.
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = Math.max(width, line.length());
            err.print('\r' + padded);
            err.flush();
        }

        private static String duration(long seconds) {
            if (seconds < 60) {
                return seconds + "s";
            }
            if (seconds < 3600) {
                return (seconds / 60) + "m " + (seconds % 60) + "s";
            }
            return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
        }
    }
}
