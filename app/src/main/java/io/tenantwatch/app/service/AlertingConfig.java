package io.tenantwatch.app.service;

import io.tenantwatch.alerting.routes.Routes;

/**
 * What alerting runs with: committed alerts of {@code tw.alerts} go to the process's own output,
 * and, when a routes file names sinks, to those sinks.
 *
 * @param routes the sinks and routes, or null for none (alerts go to the output only)
 */
public record AlertingConfig(Routes routes) {

    /** The output only, no routed sinks. */
    public static final AlertingConfig OUTPUT_ONLY = new AlertingConfig(null);
}
