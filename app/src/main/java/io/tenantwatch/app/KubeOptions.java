package io.tenantwatch.app;

import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where cluster tenancy comes from: {@code --kubeconfig} with one or more {@code --context}s, or
 * {@code --in-cluster} (the pod's service account). A picocli mixin of run, replay and tenancy.
 */
public final class KubeOptions {

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "Read tenancy from the clusters of this kubeconfig (namespaces, Capsule Tenants, HNC).")
    Path kubeconfig;

    @Option(
            names = "--context",
            paramLabel = "NAME[=CLUSTER]",
            description =
                    "Kubeconfig context to read (repeatable), bound to its cluster name (default: the context's name). Default: the current context, bound to --cluster.")
    List<String> contexts = List.of();

    @Option(
            names = "--in-cluster",
            description = "Read tenancy from the cluster tenantwatch runs in, with its service account.")
    boolean inCluster;

    /**
     * The clusters to read, or an empty list when tenancy comes from the file alone.
     *
     * @throws ConfigException naming each {@code --context} value that is not NAME or NAME=CLUSTER
     */
    public List<ClusterBinding> bindings(String defaultCluster) throws ConfigException {
        if (kubeconfig == null && !inCluster) {
            if (!contexts.isEmpty()) {
                throw new UsageException("--context needs --kubeconfig");
            }
            return List.of();
        }
        if (kubeconfig != null && inCluster) {
            throw new UsageException("--kubeconfig and --in-cluster exclude each other");
        }
        return ClusterBinding.of(kubeconfig, contexts, defaultCluster);
    }
}
