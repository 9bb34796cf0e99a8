package io.tenantwatch.alerting.routes;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;

/**
 * The conditions of one route: every condition given must hold; one left out (null) matches
 * everything. {@code minSeverity} matches that severity and the ones above it.
 */
public final class RouteMatch {

    public static final RouteMatch ALL = new RouteMatch(null, null, null, null, null);

    private final NameMatch tenants;
    private final NameMatch namespaces;
    private final NameMatch detectors;
    private final NameMatch clusters;
    private final Severity minSeverity;

    RouteMatch(NameMatch tenants, NameMatch namespaces, NameMatch detectors, NameMatch clusters, Severity minSeverity) {
        this.tenants = tenants;
        this.namespaces = namespaces;
        this.detectors = detectors;
        this.clusters = clusters;
        this.minSeverity = minSeverity;
    }

    public boolean matches(Alert alert) {
        return (minSeverity == null || alert.severity().compareTo(minSeverity) >= 0)
                && (tenants == null || tenants.matches(alert.tenant()))
                && (namespaces == null || namespaces.matches(alert.namespace()))
                && (detectors == null || detectors.matches(alert.detector()))
                && (clusters == null || clusters.matches(alert.cluster()));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        if (tenants != null) {
            s.append("tenants=").append(tenants).append(' ');
        }
        if (namespaces != null) {
            s.append("namespaces=").append(namespaces).append(' ');
        }
        if (detectors != null) {
            s.append("detectors=").append(detectors).append(' ');
        }
        if (clusters != null) {
            s.append("clusters=").append(clusters).append(' ');
        }
        if (minSeverity != null) {
            s.append("minSeverity=").append(minSeverity.label());
        }
        return s.toString().trim() + "}";
    }
}
