package io.tenantwatch.app.replay;

import io.tenantwatch.alerting.DeliveryReport;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.app.AlertFormats;
import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.DetectionOptions;
import io.tenantwatch.app.KubeOptions;
import io.tenantwatch.app.ProgressOption;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.app.alerting.ReplayAlerting;
import io.tenantwatch.app.alerting.RoutesOption;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.ingest.tenancy.cluster.ClusterReader;
import io.tenantwatch.ingest.tenancy.cluster.ClusterTenancyResolver;
import io.tenantwatch.ingest.tenancy.cluster.TenancyDirectoryException;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenantwatch replay}: what recorded events would have raised (docs/formats.md, command-line contract). */
@Command(
        name = "replay",
        header = "Replays recorded audit events and Falco alerts.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the detection topology in-process over recorded audit events, AKS Event Hubs bodies and Falco alerts,",
            "and prints one alert per line to stdout; a summary goes to stderr. With --routes it also sends them to the sinks.",
            "Exit 0 when it ran, 2 for a usage or configuration error, 1 for an internal failure or alerts --routes could not deliver."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DetectionOptions detection;

    @Mixin
    KubeOptions kube;

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            defaultValue = "default",
            description = "Cluster name given to every event read (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Mixin
    AlertFormats alertFormats;

    @Mixin
    RoutesOption routesOption;

    @Option(
            names = "--stats",
            description = "Add per-detector counts of events examined, alerts and exceptions applied to the summary.")
    boolean stats;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debugOption;

    /** Standard input, replaceable in tests. */
    java.io.InputStream stdin = System.in;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files to read in order; '-' reads stdin.")
    List<String> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AlertFormat alertFormat = alertFormats.selected();
        Routes routes = routesOption.routes();
        TenancyConfig tenancy = detection.tenancy(err);
        List<ReplayInput> sources = resolveInputs(inputs);

        ReplaySession session = new ReplaySession(
                        tenancy,
                        ConfiguredDetectors.build(BuiltInDetectors.definitions(), detection.detectorConfig()),
                        cluster)
                .withClusterTenancy(clusterTenancy(tenancy))
                .withProgress(progress, err);
        ReplaySummary summary;
        DeliveryReport delivered;
        // --routes: the same alerts also go through suppression, routing and the sinks; finish()
        // waits for every delivery, so the command exits only once the sinks have them.
        try (ReplayAlerting alerting = ReplayAlerting.open(routes, out)) {
            summary = session.run(sources, alert -> {
                out.println(alertFormat.format(alert));
                alerting.accept(alert);
            });
            delivered = alerting.finish();
        } catch (ReplaySession.InputFailure e) {
            throw new UsageException(e.getMessage(), e);
        } finally {
            out.flush();
        }
        err.print(summary.describe(stats));
        if (delivered != null) {
            err.print(delivered.describe());
        }
        err.flush();
        if (delivered != null && !delivered.complete()) {
            err.println("tenantwatch replay: some alerts could not be delivered to their sinks (see above)");
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * The cluster's tenancy read once, bound to {@code --cluster} whatever the context is called:
     * replay gives every event that cluster name, and tenancy must join on it (docs/formats.md).
     */
    private Map<String, TenancyRecord> clusterTenancy(TenancyConfig tenancy) {
        List<ClusterBinding> bindings = kube.bindings(cluster);
        if (bindings.isEmpty()) {
            return Map.of();
        }
        if (bindings.size() > 1) {
            throw new UsageException("replay reads one cluster: give at most one --context");
        }
        ClusterBinding binding = new ClusterBinding(
                cluster, bindings.get(0).kubeconfig(), bindings.get(0).context());
        try {
            Map<String, TenancyRecord> records = new LinkedHashMap<>();
            for (ClusterTenancyResolver.Resolution r :
                    ClusterReader.resolveOnce(List.of(binding), new StaticTenancy(tenancy))) {
                records.putAll(r.namespaces());
                records.putAll(r.identities());
            }
            return records;
        } catch (TenancyDirectoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private List<ReplayInput> resolveInputs(List<String> names) {
        List<ReplayInput> resolved = new ArrayList<>(names.size());
        for (String name : names) {
            if ("-".equals(name)) {
                resolved.add(ReplayInput.stdin(stdin));
                continue;
            }
            Path path = Path.of(name);
            if (!Files.isRegularFile(path)) {
                throw new UsageException(name + ": no such file");
            }
            if (!Files.isReadable(path)) {
                throw new UsageException(name + ": not readable");
            }
            resolved.add(ReplayInput.file(path));
        }
        return resolved;
    }
}
