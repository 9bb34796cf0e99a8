package io.tenantwatch.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --progress}: whether a long run shows a progress line on stderr. By default only when
 * stderr is a terminal, so that logs and pipes never collect carriage returns.
 */
public final class ProgressOption {

    public enum When {
        AUTO,
        ALWAYS,
        NEVER
    }

    @Option(
            names = "--progress",
            paramLabel = "WHEN",
            defaultValue = "auto",
            converter = WhenConverter.class,
            description = "A progress line on stderr: auto (when stderr is a terminal; the default), always or never.")
    When when = When.AUTO;

    /** auto, always or never, in any case. */
    static final class WhenConverter implements CommandLine.ITypeConverter<When> {
        @Override
        public When convert(String value) {
            try {
                return When.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected auto, always or never, was '" + value + "'");
            }
        }
    }

    /** A progress line on {@code err} for {@code verb}, or one that prints nothing. */
    public ProgressLine line(PrintWriter err, String verb, long total) {
        boolean shown =
                switch (when) {
                    case ALWAYS -> true;
                    case NEVER -> false;
                    case AUTO -> stderrIsTerminal();
                };
        return shown ? ProgressLine.printing(err, verb, total, System::nanoTime) : ProgressLine.SILENT;
    }

    /**
     * Java 17 cannot ask whether stderr alone is a terminal ({@code System.console()} wants stdin
     * and stdout too, and replay's stdout is often a file); on Linux the descriptor says.
     */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
