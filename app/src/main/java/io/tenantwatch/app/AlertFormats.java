package io.tenantwatch.app;

import io.tenantwatch.alerting.formats.AlertFormat;

/** The {@code --format} option shared by the commands that print alerts. */
public final class AlertFormats {

    private AlertFormats() {}

    /** @throws UsageException naming the option and the bad value */
    public static AlertFormat parse(String name) {
        try {
            return AlertFormat.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: unknown format '" + name + "' (expected json or text)");
        }
    }
}
