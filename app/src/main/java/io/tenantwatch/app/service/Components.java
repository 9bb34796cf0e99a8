package io.tenantwatch.app.service;

import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.app.metrics.TenantMetrics;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which parts of tenantwatch this process runs, and what each is given, so that one jar serves
 * both the all-in-one service and a split deployment (ingest and alerting as Deployments,
 * detection as a StatefulSet).
 *
 * @param enabled          the parts this process runs
 * @param clusters         clusters whose tenancy this process's directory watches (part of ingest)
 * @param tenancyGrace     how long events for a namespace nobody knows yet wait for the directory
 * @param tenancyFromTopic whether detection reads cluster tenancy from {@code tw.tenancy} although
 *                         this process runs no directory (another process's ingest publishes it)
 * @param eventHubs        Event Hubs that ingest reads (AKS diagnostic logs, falcosidekick); may be empty
 * @param routes           alerting's sinks and routes, or null for none (alerts go to stdout only)
 * @param maxTenantLabels  how many tenants detection's per-tenant meters name before the rest count as "other"
 * @param knownClusters    cluster names that always keep their own {@code cluster} metric label, whatever
 *                         names arrive first (the configured ones are added to these)
 */
public record Components(Set<Component> enabled, List<ClusterBinding> clusters, Duration tenancyGrace,
                         boolean tenancyFromTopic, List<HubBinding> eventHubs, Routes routes, int maxTenantLabels,
                         Set<String> knownClusters) {

    /** One part of the service. */
    public enum Component {
        /** HTTP receivers, the Event Hubs bridge and the tenancy directory: everything that writes tw.normalized and tw.tenancy. */
        INGEST,
        /** The Kafka Streams detection topology: tw.normalized and tw.tenancy in, tw.alerts out. */
        DETECT,
        /** The alert pipeline: tw.alerts to stdout and the routed sinks. */
        ALERTING
    }

    public static final Components ALL = new Components(EnumSet.allOf(Component.class), List.of(),
            DetectionTopology.DEFAULT_TENANCY_GRACE, false);

    public Components {
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        tenancyGrace = tenancyGrace == null ? DetectionTopology.DEFAULT_TENANCY_GRACE : tenancyGrace;
        eventHubs = eventHubs == null ? List.of() : List.copyOf(eventHubs);
        maxTenantLabels = maxTenantLabels <= 0 ? TenantMetrics.DEFAULT_MAX_TENANTS : maxTenantLabels;
        knownClusters = knownClusters == null ? Set.of() : Set.copyOf(knownClusters);
    }

    /** The parts, without Event Hubs or routes. */
    public Components(Set<Component> enabled, List<ClusterBinding> clusters, Duration tenancyGrace, boolean tenancyFromTopic) {
        this(enabled, clusters, tenancyGrace, tenancyFromTopic, List.of(), null, TenantMetrics.DEFAULT_MAX_TENANTS, Set.of());
    }

    public boolean runs(Component component) {
        return enabled.contains(component);
    }

    /** Detection reads tw.tenancy when a directory runs here or elsewhere. */
    public boolean detectionReadsTenancyTopic() {
        return tenancyFromTopic || (runs(Component.INGEST) && !clusters.isEmpty());
    }

    /** The same parts, the directory watching {@code clusters}. */
    public Components withClusters(List<ClusterBinding> value, Duration grace) {
        return new Components(enabled, value, grace, tenancyFromTopic, eventHubs, routes, maxTenantLabels, knownClusters);
    }

    /** The same parts, ingest also reading {@code hubs}. */
    public Components withEventHubs(List<HubBinding> hubs) {
        return new Components(enabled, clusters, tenancyGrace, tenancyFromTopic, hubs, routes, maxTenantLabels, knownClusters);
    }

    /** The same parts, alerting delivering to {@code value}'s sinks. */
    public Components withRoutes(Routes value) {
        return new Components(enabled, clusters, tenancyGrace, tenancyFromTopic, eventHubs, value, maxTenantLabels, knownClusters);
    }

    public Components withMaxTenantLabels(int value) {
        return new Components(enabled, clusters, tenancyGrace, tenancyFromTopic, eventHubs, routes, value, knownClusters);
    }

    public Components withKnownClusters(Set<String> value) {
        return new Components(enabled, clusters, tenancyGrace, tenancyFromTopic, eventHubs, routes, maxTenantLabels, value);
    }

    /** Every cluster name this process is configured with: the known ones, the directory's and the hubs'. */
    public Set<String> configuredClusters(String defaultCluster) {
        Set<String> names = new java.util.TreeSet<>(knownClusters);
        names.add(defaultCluster);
        clusters.forEach(c -> names.add(c.cluster()));
        for (HubBinding hub : eventHubs) {
            names.add(hub.cluster());
            names.addAll(hub.clustersByResourceId().values());
        }
        return names;
    }
}
