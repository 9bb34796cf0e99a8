package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant traffic and findings, for the per-tenant dashboard. The {@code tenant} label is the
 * target tenant of the event or alert, capped by a {@link BoundedLabel}: at most {@code maxTenants}
 * tenants by name, the rest as {@code other}; {@code _platform} and {@code none} (unmapped or
 * cluster-scoped) always by name. Every series also carries the event's or alert's {@code cluster},
 * capped by {@link BoundedLabel#clusters}, so that a multi-cluster installation can tell its
 * clusters' tenants apart. Other labels are fixed vocabularies. In Prometheus:
 * <ul>
 *   <li>{@code tenantwatch_tenant_events_total{cluster,tenant,source}}: events attributed (after
 *       deduplication), by source ({@code k8s-audit}, {@code falco});
 *   <li>{@code tenantwatch_tenant_alerts_total{cluster,tenant,severity}} and
 *       {@code tenantwatch_tenant_alerts_by_group_total{cluster,tenant,group}}: alerts written to
 *       {@code tw.alerts}, by severity and by catalogue group (detector ids per tenant would multiply
 *       the series by fifty).
 * </ul>
 * No user, pod, namespace or address is ever a label. Counted per processing attempt, like the
 * other topology meters.
 */
public final class TenantMetrics implements DetectionListener {

    public static final int DEFAULT_MAX_TENANTS = 100;
    static final String EVENTS = "tenantwatch.tenant.events";
    static final String ALERTS = "tenantwatch.tenant.alerts";
    static final String ALERTS_BY_GROUP = "tenantwatch.tenant.alerts.by.group";
    static final String CUSTOM_GROUP = "custom";

    private final MeterRegistry registry;
    private final BoundedLabel tenants;
    private final BoundedLabel clusters;
    private final Map<String, String> groupById;
    /** By cluster label, then tenant label: two lookups per event, no key built. */
    private final Map<String, Map<String, Meters>> byClusterAndTenant = new ConcurrentHashMap<>();

    /**
     * @param maxTenants how many tenants get their own label value (the rest are {@code other})
     * @param catalogue  the built-in detectors, to name each alert's group; other ids are {@code custom} rules
     * @param knownClusters cluster names that always keep their own {@code cluster} label
     */
    public TenantMetrics(
            MeterRegistry registry, int maxTenants, List<DetectorDefinition> catalogue, Set<String> knownClusters) {
        this.registry = registry;
        this.tenants = new BoundedLabel("tenant", maxTenants, Set.of(NamespaceTenancy.PLATFORM_TENANT));
        this.clusters = BoundedLabel.clusters(knownClusters);
        Map<String, String> groups = new HashMap<>();
        for (DetectorDefinition d : catalogue) {
            groups.put(d.id(), groupLabel(d.spec().group()));
        }
        this.groupById = Map.copyOf(groups);
    }

    /** A bounded, readable label: CROSS_TENANT → cross-tenant, CUSTOM → custom. */
    static String groupLabel(DetectorGroup group) {
        return group.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void attributed(NormalizedEvent event) {
        Meters m = meters(event.cluster(), event.targetTenant());
        if (event.isFalco()) {
            m.falcoEvents.increment();
        } else {
            m.auditEvents.increment();
        }
    }

    @Override
    public void alert(Alert alert) {
        Meters m = meters(alert.cluster(), alert.tenant());
        Severity severity = alert.severity() == null ? Severity.INFO : alert.severity();
        m.alertsBySeverity[severity.ordinal()].increment();
        m.byGroup(groupById.getOrDefault(alert.detector(), CUSTOM_GROUP)).increment();
    }

    private Meters meters(String cluster, String tenant) {
        String clusterLabel = clusters.of(cluster);
        String tenantLabel = tenants.of(tenant);
        Map<String, Meters> byTenant = byClusterAndTenant.get(clusterLabel);
        if (byTenant == null) {
            byTenant = byClusterAndTenant.computeIfAbsent(clusterLabel, c -> new ConcurrentHashMap<>());
        }
        Meters m = byTenant.get(tenantLabel);
        return m != null ? m : byTenant.computeIfAbsent(tenantLabel, t -> new Meters(clusterLabel, t));
    }

    /** The label the metrics use for {@code tenant} (for tests and for people reading them). */
    public String label(String tenant) {
        return tenants.of(tenant);
    }

    /** One cluster and tenant label's counters; registered when the pair is first used. */
    private final class Meters {
        final String cluster;
        final String tenant;
        final Counter auditEvents;
        final Counter falcoEvents;
        final Counter[] alertsBySeverity = new Counter[Severity.values().length];
        final Map<String, Counter> groups = new ConcurrentHashMap<>();

        Meters(String cluster, String tenant) {
            this.cluster = cluster;
            this.tenant = tenant;
            auditEvents = events(NormalizedEvent.SOURCE_AUDIT);
            falcoEvents = events(NormalizedEvent.SOURCE_FALCO);
            for (Severity s : Severity.values()) {
                alertsBySeverity[s.ordinal()] = Counter.builder(ALERTS)
                        .description("Alerts written to tw.alerts, by target tenant and severity")
                        .tag("cluster", cluster)
                        .tag("tenant", tenant)
                        .tag("severity", s.label())
                        .register(registry);
            }
        }

        private Counter events(String source) {
            return Counter.builder(EVENTS)
                    .description("Events attributed after deduplication, by target tenant and source")
                    .tag("cluster", cluster)
                    .tag("tenant", tenant)
                    .tag("source", source)
                    .register(registry);
        }

        Counter byGroup(String group) {
            Counter c = groups.get(group);
            return c != null
                    ? c
                    : groups.computeIfAbsent(group, g -> Counter.builder(ALERTS_BY_GROUP)
                            .description("Alerts written to tw.alerts, by target tenant and detector catalogue group")
                            .tag("cluster", cluster)
                            .tag("tenant", tenant)
                            .tag("group", g)
                            .register(registry));
        }
    }
}
