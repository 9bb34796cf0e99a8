package io.tenantwatch.app.service;

import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What ingest runs with: everything that writes {@code tw.normalized} and {@code tw.tenancy}.
 *
 * @param receivers the HTTP receivers for the audit webhook and falcosidekick (always on in ingest)
 * @param clusters  clusters whose namespaces the tenancy directory watches; empty = no directory
 * @param eventHubs Event Hubs to read (AKS diagnostic logs, falcosidekick); may be empty
 */
public record IngestConfig(ReceiverConfig receivers, List<ClusterBinding> clusters, List<HubBinding> eventHubs) {

    public IngestConfig {
        Objects.requireNonNull(receivers, "receivers");
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        eventHubs = eventHubs == null ? List.of() : List.copyOf(eventHubs);
    }

    /** The receivers alone: no tenancy directory, no Event Hubs. */
    public static IngestConfig of(ReceiverConfig receivers) {
        return new IngestConfig(receivers, List.of(), List.of());
    }

    public IngestConfig withClusters(List<ClusterBinding> value) {
        return new IngestConfig(receivers, value, eventHubs);
    }

    public IngestConfig withEventHubs(List<HubBinding> value) {
        return new IngestConfig(receivers, clusters, value);
    }

    /** Whether this ingest publishes cluster tenancy to {@code tw.tenancy}. */
    public boolean runsDirectory() {
        return !clusters.isEmpty();
    }

    /** The cluster names ingest stamps on events: the receivers' default, the directory's and the hubs'. */
    public Set<String> clusterNames() {
        Set<String> names = new TreeSet<>();
        names.add(receivers.defaultCluster());
        clusters.forEach(c -> names.add(c.cluster()));
        for (HubBinding hub : eventHubs) {
            names.add(hub.cluster());
            names.addAll(hub.clustersByResourceId().values());
        }
        return names;
    }
}
