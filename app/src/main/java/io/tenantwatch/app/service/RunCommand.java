package io.tenantwatch.app.service;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.app.AlertFormats;
import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.DetectionOptions;
import io.tenantwatch.app.KubeOptions;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.app.alerting.RoutesOption;
import io.tenantwatch.app.logging.LogFormatOption;
import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.app.metrics.TenantMetrics;
import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.schemas.ClusterNames;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantwatch run}: the service. With no {@code --bootstrap-servers} it starts an embedded
 * single-node Kafka broker under {@code --data-dir}; it stops cleanly on SIGTERM or Ctrl-C.
 */
@Command(
        name = "run",
        header = "Runs the service: receivers, detection, alert routing.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the service: HTTP receivers for audit webhooks and Falco, the detection topology on Kafka Streams,",
            "alerts on stdout and on the alerts topic, /metrics, /healthz and /readyz on the metrics port."
        })
public final class RunCommand implements Callable<Integer> {

    static final String TOKENS_ENV = "TW_RECEIVER_TOKENS";
    static final String METRICS_TOKENS_ENV = "TW_METRICS_TOKENS";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description = "An existing Kafka cluster. Default: start an embedded single-node broker.")
    String bootstrapServers;

    @Mixin
    KafkaConfigOption kafkaConfig;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = ".tenantwatch",
            description = "Embedded broker data and Streams state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--receiver-port",
            paramLabel = "PORT",
            defaultValue = "" + ReceiverConfig.DEFAULT_PORT,
            description = "Port of POST /v1/audit[/{cluster}] and /v1/falco[/{cluster}] (default: ${DEFAULT-VALUE}).")
    int receiverPort;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "9400",
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Receivers' listen address. Default: 127.0.0.1, or all interfaces when TLS is on.")
    String bindAddress;

    @Option(
            names = "--metrics-bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description =
                    "Listen address of the metrics port (default: ${DEFAULT-VALUE}; 0.0.0.0 in a pod, for Prometheus and the kubelet's probes).")
    String metricsBindAddress;

    @Option(
            names = "--metrics-token-file",
            paramLabel = "FILE",
            description = "File of bearer tokens that GET /metrics asks for, one per line (repeatable). Also read: $"
                    + METRICS_TOKENS_ENV + ". The probes /healthz and /readyz never ask.")
    List<Path> metricsTokenFiles = List.of();

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "File of receiver bearer tokens, one per line, read again when it changes (repeatable, for rotation)."
                            + " Also read: $"
                            + TOKENS_ENV + ".")
    List<Path> tokenFiles = List.of();

    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            description = "Receivers' TLS certificate (PEM); with the key, read again when either changes.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Receivers' TLS private key (PEM).")
    Path tlsKey;

    @Mixin
    DetectionOptions detection;

    @Mixin
    KubeOptions kube;

    @Option(
            names = "--components",
            paramLabel = "PART[,PART...]",
            split = ",",
            defaultValue = "ingest,detect,alerting",
            description =
                    "Parts to run in this process: ingest (receivers, Event Hubs, tenancy directory), detect (the Streams topology), alerting (default: all).")
    List<String> components;

    @Option(
            names = "--tenancy-from-topic",
            description =
                    "Detection reads cluster tenancy from the tenancy topic that another process's directory publishes (split deployments).")
    boolean tenancyFromTopic;

    @Option(
            names = "--tenancy-grace",
            paramLabel = "DURATION",
            defaultValue = "PT30S",
            description =
                    "How long (event time) an event for a namespace the directory does not know yet waits before it is judged unmapped (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration tenancyGrace;

    @Option(
            names = "--known-clusters",
            paramLabel = "NAME[,NAME...]",
            split = ",",
            description =
                    "Cluster names that always keep their own cluster label in metrics (the configured ones always do), "
                            + "so that names posted first cannot take every place.")
    List<String> knownClusters = List.of();

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            defaultValue = "default",
            description = "Cluster name for receiver paths that name none (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = Topics.DEFAULT_PREFIX,
            description = "Prefix of every topic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "3",
            description = "Partitions of topics created when missing (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            defaultValue = "1",
            description = "Replication of topics created when missing (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Mixin
    EventHubsOption eventHubs;

    @Mixin
    RoutesOption routes;

    @Option(
            names = "--metrics-max-tenants",
            paramLabel = "N",
            defaultValue = "" + TenantMetrics.DEFAULT_MAX_TENANTS,
            description =
                    "Tenants named in per-tenant metrics; the rest are counted as tenant=\"other\" (default: ${DEFAULT-VALUE}).")
    int maxTenantLabels;

    @Option(
            names = "--export-attributed",
            description =
                    "Also write every attributed event (JSON, with its tenants and actor class) to tw.attributed, for a SIEM or data lake. Off by default: it costs a serialization and a write per event.")
    boolean exportAttributed;

    @Option(
            names = "--commit-interval",
            paramLabel = "DURATION",
            defaultValue = "PT0.1S",
            description =
                    "How often detection commits (exactly-once): alerts become visible at each commit, and each commit costs round trips to Kafka (ISO-8601, default: ${DEFAULT-VALUE}; docs/PERFORMANCE.md).")
    Duration commitInterval;

    @Option(
            names = "--stream-threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Kafka Streams threads for detection; tasks (partitions) are shared among them. More than the cores a process has buys nothing (default: ${DEFAULT-VALUE}; docs/PERFORMANCE.md).")
    int streamThreads;

    @Mixin
    AlertFormats alertFormats;

    @Mixin
    DebugOption debugOption;

    @Mixin
    LogFormatOption logFormat;

    /** One part of the service, as {@code --components} names it. */
    enum Part {
        INGEST,
        DETECT,
        ALERTING
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        logFormat.apply();
        AlertFormat alertFormat = alertFormats.selected();
        if (maxTenantLabels < 1) {
            throw new UsageException("--metrics-max-tenants must be at least 1");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new UsageException("--commit-interval must be positive, was " + commitInterval);
        }
        if (streamThreads < 1) {
            throw new UsageException("--stream-threads must be at least 1, was " + streamThreads);
        }
        ServiceConfig config = config(err);
        for (String warning : Exposure.warnings(config)) {
            err.println("tenantwatch: warning: " + warning);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        TenantWatchService service = new TenantWatchService(config).start(out, alertFormat);
        Thread hook = new Thread(
                () -> {
                    service.close();
                    stopped.countDown();
                },
                "tenantwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StringBuilder banner = new StringBuilder("tenantwatch run (" + String.join(",", components) + "):");
        service.endpoints().forEach((name, where) -> banner.append(' ')
                .append(name)
                .append(' ')
                .append(where)
                .append(';'));
        banner.setLength(banner.length() - 1);
        err.println(banner + (config.embeddedBroker() ? " (embedded, data in " + dataDir.toAbsolutePath() + ")" : ""));
        err.flush();
        stopped.await();
        return 0;
    }

    /** The flags as the service's configuration: each part's settings only when this process runs it. */
    ServiceConfig config(PrintWriter warnings) {
        Set<Part> parts = parts();
        // Checked in the order the options are documented, so the first problem named is the first one met.
        List<ClusterBinding> clusters = kube.bindings(cluster);
        List<HubBinding> hubs = parts.contains(Part.INGEST) ? eventHubs.hubs(cluster) : List.of();
        Routes routes = parts.contains(Part.ALERTING) ? this.routes.routes() : null;
        Set<String> clusterLabels = knownClusters();
        ReceiverConfig receivers = parts.contains(Part.INGEST) ? receivers() : null;
        TenancyConfig tenancy = detection.tenancy(warnings);
        return ServiceConfig.builder(dataDir)
                .kafka(kafkaConfig.connection(bootstrapServers))
                .topics(topicLayout())
                .metrics(new MetricsServer.Endpoint(metricsBindAddress, metricsPort, metricsTokens()))
                .tenancy(tenancy)
                .ingest(receivers == null ? null : new IngestConfig(receivers, clusters, hubs))
                .detect(parts.contains(Part.DETECT) ? detectConfig(clusterLabels) : null)
                .alerting(parts.contains(Part.ALERTING) ? alertingConfig(routes, clusterLabels) : null)
                .build();
    }

    /** The known clusters and this process's own: the names that always keep their own metric label. */
    private Set<String> withOwnCluster(Set<String> clusterLabels) {
        Set<String> labels = new TreeSet<>(clusterLabels);
        labels.add(cluster);
        return labels;
    }

    private AlertingConfig alertingConfig(Routes routes, Set<String> clusterLabels) {
        return new AlertingConfig(routes, withOwnCluster(clusterLabels));
    }

    private DetectConfig detectConfig(Set<String> clusterLabels) {
        Set<String> labels = withOwnCluster(clusterLabels);
        return new DetectConfig(
                detection.detectorConfig(),
                detection.configFile(),
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                labels,
                exportAttributed,
                commitInterval,
                streamThreads);
    }

    private TopicLayout topicLayout() {
        try {
            return new TopicLayout(topicPrefix, partitions, replicationFactor);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The receivers' settings; only ingest asks for tokens, so a detection-only or alerting-only process needs none. */
    private ReceiverConfig receivers() {
        ReceiverConfig receivers = ReceiverConfig.defaults(cluster, tokens()).withPort(receiverPort);
        if (bindAddress != null) {
            receivers = receivers.withBindAddress(bindAddress);
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new UsageException("--tls-cert and --tls-key go together");
            }
            receivers = receivers.withTls(tlsCert, tlsKey);
        }
        return receivers;
    }

    private Set<String> knownClusters() {
        for (String name : knownClusters) {
            if (!ClusterNames.isValid(name.strip())) {
                throw new UsageException(
                        "--known-clusters: '" + name.strip() + "' is not a cluster name (" + ClusterNames.RULE + ")");
            }
        }
        return knownClusters.stream().map(String::strip).collect(Collectors.toSet());
    }

    private Set<Part> parts() {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : components) {
            try {
                parts.add(Part.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--components " + String.join(",", components) + ": unknown part '"
                        + name.strip() + "' (ingest, detect, alerting)");
            }
        }
        return parts;
    }

    /** @throws ConfigException naming a token file that cannot be used */
    private BearerTokens tokens() {
        BearerTokens tokens = BearerTokens.parse(System.getenv(TOKENS_ENV));
        for (Path file : tokenFiles) {
            tokens = tokens.plus(BearerTokens.fromFile(file));
        }
        if (tokens.isEmpty()) {
            throw new UsageException("no receiver tokens: set $" + TOKENS_ENV
                    + " or give --token-file (receivers never run unauthenticated)");
        }
        return tokens;
    }

    /** @throws ConfigException naming a token file that cannot be used */
    private BearerTokens metricsTokens() {
        BearerTokens tokens = BearerTokens.parse(System.getenv(METRICS_TOKENS_ENV));
        for (Path file : metricsTokenFiles) {
            tokens = tokens.plus(BearerTokens.fromFile(file));
        }
        return tokens.isEmpty() ? null : tokens;
    }
}
