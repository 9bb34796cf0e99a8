package io.tenantwatch.app.service;

import io.tenantwatch.alerting.routes.Routes;
import java.util.Set;

/**
 * What alerting runs with: committed alerts of {@code tw.alerts} go to the process's own output,
 * and, when a routes file names sinks, to those sinks.
 *
 * @param routes        the sinks and routes, or null for none (alerts go to the output only)
 * @param clusterLabels cluster names that always keep their own {@code cluster} label in
 *                      {@code tenantwatch_alerts_total} (the rest are capped, docs/metrics.md)
 */
public record AlertingConfig(Routes routes, Set<String> clusterLabels) {

    /** The output only, no routed sinks. */
    public static final AlertingConfig OUTPUT_ONLY = new AlertingConfig(null);

    public AlertingConfig {
        clusterLabels = clusterLabels == null ? Set.of() : Set.copyOf(clusterLabels);
    }

    public AlertingConfig(Routes routes) {
        this(routes, Set.of());
    }

    public AlertingConfig withClusterLabels(Set<String> labels) {
        return new AlertingConfig(routes, labels);
    }
}
