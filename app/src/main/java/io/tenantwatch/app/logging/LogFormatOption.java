package io.tenantwatch.app.logging;

import io.tenantwatch.app.UsageException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --log-format}, a picocli mixin of {@code run}; the environment variable serves a chart or an image. */
public final class LogFormatOption {

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            defaultValue = "${env:TENANTWATCH_LOG_FORMAT:-text}",
            description = "Log lines on stderr: text, or json (one object per line: time, level, logger, message,"
                    + " error) for cluster log pipelines; also TENANTWATCH_LOG_FORMAT (default: ${DEFAULT-VALUE}).")
    String format;

    /** Switches every logger, those made before this too. */
    public void apply() {
        try {
            LogFormat.use(LogFormat.valueOf(format.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--log-format: unknown format '" + format + "' (expected text or json)");
        }
    }
}
