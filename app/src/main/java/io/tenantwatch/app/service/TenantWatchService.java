package io.tenantwatch.app.service;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.app.service.Components.Component;
import io.tenantwatch.app.kafka.EmbeddedKafka;
import io.tenantwatch.app.kafka.TopicSetup;
import io.tenantwatch.app.metrics.AuditCoverage;
import io.tenantwatch.app.metrics.DetectionListeners;
import io.tenantwatch.app.metrics.DetectionMetrics;
import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.app.metrics.TenantMetrics;
import io.tenantwatch.alerting.AlertPipeline;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.SwappableDetection;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.attribution.DirectoryTenancy;
import io.tenantwatch.ingest.tenancy.cluster.TenancyDirectory;
import io.tenantwatch.ingest.tenancy.cluster.TenancyDirectoryException;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.eventhubs.EventHubsBridge;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.ingest.eventhubs.EventHubsOptions;
import io.tenantwatch.ingest.ReaderLimits;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.http.ReceiverServer;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The tenantwatch service: the embedded broker (unless an external cluster is given), the topics,
 * and the parts {@link Components} enables: ingest (HTTP receivers, Event Hubs bridge, tenancy
 * directory), detection (the topology as a Kafka Streams app) and alerting (the alert printer and
 * the routed sinks); the metrics endpoints always. Started in dependency order, closed in reverse.
 */
public final class TenantWatchService implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONFIG_POLL = Duration.ofSeconds(2);
    private static final int EMBEDDED_SESSION_TIMEOUT_MS = 8_000;

    private final ServiceOptions options;
    private final Topics topics;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** What to close, most recently started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** How every client reaches the broker: the embedded one, or the external cluster with its settings. */
    private KafkaConnection kafka;
    private Admin admin;
    private Progress progress;
    private KafkaStreams streams;
    private ReceiverServer receivers;
    private MetricsServer metrics;
    private volatile boolean closing;

    public TenantWatchService(ServiceOptions options) {
        this.options = options;
        this.topics = Topics.withPrefix(options.topicPrefix());
    }

    /** Starts everything; alerts go to {@code alerts} as they are committed to tw.alerts. */
    public TenantWatchService start(Consumer<Alert> alerts) {
        try {
            startBroker();
            createTopics();
            Components parts = options.components();
            if (parts.runs(Component.INGEST)) {
                startTenancyDirectory();
            }
            if (parts.runs(Component.DETECT)) {
                startStreams();
            }
            if (parts.runs(Component.ALERTING)) {
                startAlertPrinter(alerts);
                startAlertPipeline();
            }
            if (parts.runs(Component.INGEST)) {
                KafkaEventWriter writer = startEventWriter();
                startReceivers(writer);
                startEventHubs(writer);
            }
            metrics = MetricsServer.start(new MetricsServer.Endpoint(options.metricsBindAddress(), options.metricsPort(),
                    options.metricsTokens()), registry, this::notReadyReason);
            started.push(metrics);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public TenantWatchService start(java.io.PrintWriter out, AlertFormat format) {
        return start(alert -> {
            synchronized (out) {
                out.println(format.format(alert));
                out.flush();
            }
        });
    }

    private void startBroker() {
        if (options.embeddedBroker()) {
            EmbeddedKafka broker = EmbeddedKafka.start(options.dataDir().resolve("kafka"));
            started.push(broker);
            kafka = KafkaConnection.plain(broker.bootstrapServers());
        } else {
            kafka = new KafkaConnection(options.bootstrapServers(), options.kafkaSettings());
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private void createTopics() {
        admin = Admin.create(kafka.properties());
        started.push(admin);
        new TopicSetup(topics, options.partitions(), options.replicationFactor()).ensure(admin, TOPIC_TIMEOUT);
        progress = new Progress(admin, topics);
    }

    /**
     * Waits until every event received so far has gone through detection and every alert it
     * raised has been handed out; false when {@code timeout} passed first.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready() && progress.caughtUp()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private void startStreams() {
        SwappableDetection detection = new SwappableDetection(
                ConfiguredDetectors.build(BuiltInDetectors.definitions(), options.detectorConfig()));
        if (options.detectorConfigFile() != null) {
            started.push(new DetectorConfigWatcher(options.detectorConfigFile(), detection, registry, CONFIG_POLL));
        }
        DirectoryTenancy directory = options.components().detectionReadsTenancyTopic() ? new DirectoryTenancy() : null;
        DetectionTopology topology = new DetectionTopology(topics,
                new Attributor(new StaticTenancy(options.tenancy()), directory == null ? ClusterTenancy.NONE : directory),
                detection, detectionListener(), DetectionTopology.DEFAULT_DEDUPE_WINDOW);
        if (directory != null) {
            topology.withTenancyDirectory(directory, options.components().tenancyGrace());
        }
        Properties props = DetectionTopology.streamsConfig(kafka.bootstrapServers(), options.dataDir().resolve("streams").toString(), topics);
        // Streams hands these to its admin client, consumers and producers alike.
        props.putAll(kafka.settings());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) options.replicationFactor());
        if (options.embeddedBroker()) {
            // After a kill -9 the restarted process must not wait out its dead predecessor's
            // 45 s session before it gets its tasks back; on the embedded broker nothing but this
            // process heartbeats, so a short session costs nothing.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), EMBEDDED_SESSION_TIMEOUT_MS);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), EMBEDDED_SESSION_TIMEOUT_MS / 4);
        }
        streams = new KafkaStreams(topology.build(), props);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        // Leave the group on close, so a restarted service gets its tasks back at once.
        started.push(() -> {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            streamsMetrics.close();
        });
        streams.setUncaughtExceptionHandler(e ->
                org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
    }

    private DetectionListener detectionListener() {
        return DetectionListeners.of(new DetectionMetrics(registry),
                new TenantMetrics(registry, options.components().maxTenantLabels(), BuiltInDetectors.definitions()),
                new AuditCoverage(registry, options.components().configuredClusters(options.defaultCluster())));
    }

    /**
     * The tenancy directory publishes each cluster's tenancy before the topology starts, so the
     * first events are attributed with it; an unreachable cluster stops the start with one line.
     */
    private void startTenancyDirectory() {
        if (options.components().clusters().isEmpty()) {
            return;
        }
        try {
            started.push(TenancyDirectory.start(options.components().clusters(), new StaticTenancy(options.tenancy()), kafka,
                    topics.tenancy(), registry, TenancyDirectory.Settings.DEFAULTS));
        } catch (TenancyDirectoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private void startAlertPrinter(Consumer<Alert> alerts) {
        AlertPrinter printer = new AlertPrinter(kafka, topics.alerts(), alerts, registry).start();
        started.push(printer);
    }

    /** Routed delivery (Alertmanager, webhooks, Slack, …) when a routes file names sinks. */
    private void startAlertPipeline() {
        if (options.components().routes() == null) {
            return;
        }
        try {
            started.push(AlertPipeline.start(AlertPipeline.Config.of(kafka.bootstrapServers(), topics, options.components().routes(),
                    registry).withKafkaClient(kafka.settingsAsProperties())));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--routes: " + e.getMessage(), e);
        }
    }

    /** The receivers and the Event Hubs bridge write through one producer. */
    private KafkaEventWriter startEventWriter() {
        KafkaEventWriter writer = new KafkaEventWriter(KafkaEventWriter.producerProperties(kafka), topics,
                KafkaEventWriter.DEFAULT_MAX_IN_FLIGHT_RECORDS);
        started.push(writer);
        return writer;
    }

    private void startEventHubs(KafkaEventWriter writer) {
        if (options.components().eventHubs().isEmpty()) {
            return;
        }
        try {
            started.push(EventHubsBridge.start(EventHubsOptions.of(options.components().eventHubs(), kafka, topics), writer, registry));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private void startReceivers(KafkaEventWriter writer) {
        ReceiverConfig config;
        try {
            config = ReceiverConfig.defaults(options.defaultCluster(), options.tokens()).withPort(options.receiverPort());
            if (options.bindAddress() != null) {
                config = config.withBindAddress(options.bindAddress());
            }
            if (options.tlsCert() != null || options.tlsKey() != null) {
                if (options.tlsCert() == null || options.tlsKey() == null) {
                    throw new UsageException("--tls-cert and --tls-key go together");
                }
                config = config.withTls(options.tlsCert(), options.tlsKey());
            }
        } catch (ConfigException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        InputReader reader = new InputReader(ReaderLimits.DEFAULTS.withMaxDocumentBytes(config.maxBodyBytes()));
        receivers = new ReceiverServer(config, reader, writer, registry);
        try {
            receivers.start();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        started.push(receivers);
    }

    /** Null when the broker, the Streams app and the receivers run; else what is missing. */
    public String notReadyReason() {
        if (closing) {
            return "shutting down";
        }
        Components parts = options.components();
        if (parts.runs(Component.DETECT) && (streams == null || streams.state() != KafkaStreams.State.RUNNING)) {
            return "detection topology " + (streams == null ? "not started" : streams.state().name().toLowerCase());
        }
        if (parts.runs(Component.INGEST) && receivers == null) {
            return "receivers not started";
        }
        return null;
    }

    public boolean ready() {
        return notReadyReason() == null;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Topics topics() {
        return topics;
    }

    public int receiverPort() {
        return receivers.port();
    }

    public boolean receiverTls() {
        return receivers.tls();
    }

    public int metricsPort() {
        return metrics.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The ports and addresses a person needs, for the start-up banner. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        if (receivers != null) {
            String scheme = receivers.tls() ? "https" : "http";
            endpoints.put("receivers", scheme + "://" + receivers.address().getHostString() + ":" + receivers.port()
                    + "/v1/audit, /v1/falco");
        }
        String metricsHost = options.metricsBindAddress() == null ? MetricsServer.Endpoint.LOOPBACK : options.metricsBindAddress();
        endpoints.put("metrics", "http://" + metricsHost + ":" + metrics.port() + "/metrics"
                + (options.metricsTokens() == null ? "" : " (bearer token)"));
        endpoints.put("kafka", kafka.bootstrapServers());
        return endpoints;
    }

    @Override
    public synchronized void close() {
        closing = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                // Keep closing the rest; a half-closed service is worse than a noisy shutdown.
                System.err.println("tenantwatch: while shutting down: " + e);
            }
        }
        registry.close();
    }
}
