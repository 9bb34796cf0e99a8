package io.tenantwatch.app.tenancy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.KubeOptions;
import io.tenantwatch.app.TenancyFiles;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.ingest.tenancy.cluster.ClusterReader;
import io.tenantwatch.ingest.tenancy.cluster.ClusterTenancyResolver;
import io.tenantwatch.ingest.tenancy.cluster.TenancyDirectoryException;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantwatch tenancy}: the tenancy tenantwatch would use, resolved once: every namespace
 * of every cluster with its tenant and the source that decided, the unmapped namespaces and the
 * conflicts; with only {@code --tenancy}, the file checked and summarised.
 */
@Command(
        name = "tenancy",
        header = "Shows or checks which tenant owns each namespace.",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the resolved tenancy: namespace, tenant and deciding source per cluster, unmapped namespaces and",
            "conflicts. With only --tenancy FILE, validates the file and lists its tenants."
        })
public final class TenancyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KubeOptions kube;

    @Option(names = "--tenancy", paramLabel = "FILE", description = "Tenancy file (tenants, platform, admins).")
    Path tenancyFile;

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            defaultValue = "default",
            description =
                    "Cluster name of the current context when no --context names one (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--json", description = "Print JSON for a script instead of a table.")
    boolean json;

    @Mixin
    DebugOption debugOption;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        StringWriter warningText = new StringWriter();
        TenancyConfig config = TenancyFiles.load(tenancyFile, new PrintWriter(warningText, true));
        List<String> warnings = warningText
                .toString()
                .lines()
                .map(l -> l.replaceFirst("^warning: ", ""))
                .toList();
        List<ClusterBinding> bindings = kube.bindings(cluster);
        if (bindings.isEmpty() && tenancyFile == null) {
            throw new UsageException(
                    "give --kubeconfig (or --in-cluster) to read clusters, or --tenancy FILE to check a file");
        }
        List<ClusterTenancyResolver.Resolution> resolutions;
        try {
            resolutions = ClusterReader.resolveOnce(bindings, new StaticTenancy(config));
        } catch (TenancyDirectoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (json) {
            out.println(Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(asJson(config, resolutions, warnings)));
        } else {
            printTable(out, config, resolutions, warnings);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> asJson(
            TenancyConfig config, List<ClusterTenancyResolver.Resolution> resolutions, List<String> warnings) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> clusters = new ArrayList<>();
        for (ClusterTenancyResolver.Resolution r : resolutions) {
            List<NamespaceTenancy> namespaces = List.copyOf(r.namespaces().values());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cluster", namespaces.isEmpty() ? null : namespaces.get(0).cluster());
            c.put("namespaces", namespaces);
            c.put(
                    "unmapped",
                    namespaces.stream()
                            .filter(n -> n.tenant() == null)
                            .map(NamespaceTenancy::namespace)
                            .toList());
            c.put(
                    "conflicts",
                    namespaces.stream()
                            .filter(n -> !n.conflicts().isEmpty())
                            .map(n -> Map.of("namespace", n.namespace(), "conflicts", n.conflicts()))
                            .toList());
            c.put("identities", List.copyOf(r.identities().values()));
            clusters.add(c);
        }
        root.put("clusters", clusters);
        root.put(
                "tenants",
                config.tenants().stream()
                        .map(t -> Map.of("name", t.name(), "namespaces", t.namespaces()))
                        .toList());
        root.put("warnings", warnings);
        return root;
    }

    private static void printTable(
            PrintWriter out,
            TenancyConfig config,
            List<ClusterTenancyResolver.Resolution> resolutions,
            List<String> warnings) {
        if (resolutions.isEmpty()) {
            out.println("tenancy file: " + config.tenants().size() + " tenants");
            for (TenancyConfig.Tenant t : config.tenants()) {
                out.printf("  %-20s %s%n", t.name(), String.join(", ", t.namespaces()));
            }
        }
        for (ClusterTenancyResolver.Resolution r : resolutions) {
            List<NamespaceTenancy> namespaces = List.copyOf(r.namespaces().values());
            int width = Math.max(
                    9,
                    namespaces.stream()
                            .mapToInt(n ->
                                    n.cluster().length() + 1 + n.namespace().length())
                            .max()
                            .orElse(0));
            out.printf("%-" + width + "s  %-16s  %s%n", "NAMESPACE", "TENANT", "SOURCE");
            for (NamespaceTenancy n : namespaces) {
                out.printf(
                        "%-" + width + "s  %-16s  %s%n",
                        n.cluster() + "/" + n.namespace(),
                        n.tenant() == null ? "-" : n.tenant(),
                        n.source() == null ? "unmapped" : n.source());
            }
            List<String> unmapped = namespaces.stream()
                    .filter(n -> n.tenant() == null)
                    .map(NamespaceTenancy::namespace)
                    .toList();
            out.println("unmapped: "
                    + (unmapped.isEmpty() ? "none" : unmapped.size() + " (" + String.join(", ", unmapped) + ")"));
            namespaces.stream().filter(n -> !n.conflicts().isEmpty()).forEach(n -> n.conflicts()
                    .forEach(c -> out.println("conflict: " + n.namespace() + ": " + c)));
            for (IdentityTenancy id : r.identities().values()) {
                out.println("identity: " + id.kind() + " " + id.name() + " -> " + String.join(", ", id.tenants()) + " ("
                        + id.source() + ")");
            }
        }
        warnings.forEach(w -> out.println("warning: " + w));
    }
}
