package io.tenantwatch.ingest.http;

import io.tenantwatch.schemas.ClusterNames;

/**
 * Which receiver a path names: {@code /v1/audit[/{cluster}]} or {@code /v1/falco[/{cluster}]}; a
 * path without a cluster takes the configured default (docs/formats.md, "Cluster identity").
 *
 * @param endpoint the receiver
 * @param cluster  the bound cluster name, as given in the path (check {@link #clusterValid()})
 */
record Route(Endpoint endpoint, String cluster) {

    /** The receivers; {@link #label} is the metric tag. */
    enum Endpoint {
        AUDIT("audit"),
        FALCO("falco");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }
    }

    /** The metric tag of requests for no receiver. */
    static final String OTHER = "other";

    /**
     * Cluster names become part of Kafka keys ({@code cluster/namespace}) and tenancy keys, so they
     * hold no '/' and nothing that needs escaping: what AKS, EKS and GKE names allow.
     */
    static boolean isValidCluster(String name) {
        return ClusterNames.isValid(name);
    }

    /** The route of a raw request path, or null when no receiver is there. */
    static Route parse(String rawPath, String defaultCluster) {
        if (rawPath == null || !rawPath.startsWith("/v1/")) {
            return null;
        }
        String rest = rawPath.substring(4);
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        Endpoint endpoint =
                switch (name) {
                    case "audit" -> Endpoint.AUDIT;
                    case "falco" -> Endpoint.FALCO;
                    default -> null;
                };
        if (endpoint == null) {
            return null;
        }
        if (slash < 0) {
            return new Route(endpoint, defaultCluster);
        }
        String cluster = rest.substring(slash + 1);
        if (cluster.isEmpty() || cluster.indexOf('/') >= 0) {
            return null;
        }
        return new Route(endpoint, cluster);
    }

    boolean clusterValid() {
        return isValidCluster(cluster);
    }
}
