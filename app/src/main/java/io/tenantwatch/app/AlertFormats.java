package io.tenantwatch.app;

import io.tenantwatch.alerting.formats.AlertFormat;
import picocli.CommandLine.Option;

/** The {@code --format} option of the commands that print alerts (a picocli mixin). */
public final class AlertFormats {

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description = "Alert format on stdout: json, text or ocsf (default: ${DEFAULT-VALUE}).")
    String format;

    /** @throws UsageException naming the option and the bad value */
    public AlertFormat selected() {
        try {
            return AlertFormat.fromName(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: unknown format '" + format + "' (expected json, text or ocsf)");
        }
    }
}
