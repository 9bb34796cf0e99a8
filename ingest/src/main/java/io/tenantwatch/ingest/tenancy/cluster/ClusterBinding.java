package io.tenantwatch.ingest.tenancy.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tenantwatch.schemas.ClusterNames;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster to read tenancy from, bound to its canonical name (docs/formats.md, "Cluster identity"):
 * a kubeconfig context, or the in-cluster service account when no kubeconfig is given.
 *
 * @param cluster    the canonical cluster name every tenancy key carries
 * @param kubeconfig the kubeconfig file, or null for the in-cluster configuration
 * @param context    the kubeconfig context, or null for the file's current context
 */
public record ClusterBinding(String cluster, Path kubeconfig, String context) {

    /**
     * Bindings from {@code --context} values: {@code NAME} binds context NAME to the cluster NAME;
     * {@code NAME=CLUSTER} binds it to CLUSTER. No contexts: the current context, bound to
     * {@code defaultCluster}.
     *
     * @throws ConfigException naming every {@code --context} value that is not one of those forms
     */
    public static List<ClusterBinding> of(Path kubeconfig, List<String> contexts, String defaultCluster)
            throws ConfigException {
        if (contexts == null || contexts.isEmpty()) {
            return List.of(new ClusterBinding(defaultCluster, kubeconfig, null));
        }
        ConfigProblems problems = new ConfigProblems("--context");
        List<ClusterBinding> bindings = new ArrayList<>();
        for (String value : contexts) {
            int eq = value.indexOf('=');
            String context = eq < 0 ? value : value.substring(0, eq);
            String cluster = eq < 0 ? value : value.substring(eq + 1);
            if (context.isBlank() || cluster.isBlank()) {
                problems.part("--context " + value).add(null, "expected NAME or NAME=CLUSTER");
            } else if (!ClusterNames.isValid(cluster)) {
                problems.part("--context " + value)
                        .add(
                                null,
                                "'" + cluster + "' is not a cluster name (" + ClusterNames.RULE
                                        + "); bind the context to one with NAME=CLUSTER");
            } else {
                bindings.add(new ClusterBinding(cluster, kubeconfig, context));
            }
        }
        problems.throwIfAny();
        return List.copyOf(bindings);
    }

    /** A client for this cluster; fails with one line when the kubeconfig or context is unusable. */
    public KubernetesClient connect() {
        Config config;
        try {
            if (kubeconfig == null) {
                config = context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
            } else {
                if (!Files.isReadable(kubeconfig)) {
                    throw new TenancyDirectoryException("--kubeconfig " + kubeconfig + ": no such readable file");
                }
                config = Config.fromKubeconfig(context, new File(kubeconfig.toString()));
            }
        } catch (TenancyDirectoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TenancyDirectoryException(
                    "cluster " + cluster + ": cannot use "
                            + (kubeconfig == null ? "the in-cluster configuration" : "--kubeconfig " + kubeconfig)
                            + (context == null ? "" : " context " + context) + ": " + oneLine(e),
                    e);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new TenancyDirectoryException("cluster " + cluster + ": the kubeconfig names no API server"
                    + (context == null ? "" : " for context " + context));
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + " (" + root.getMessage() + ")";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
