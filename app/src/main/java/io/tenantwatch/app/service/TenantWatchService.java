package io.tenantwatch.app.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.app.Version;
import io.tenantwatch.app.kafka.EmbeddedKafka;
import io.tenantwatch.app.kafka.TopicSetup;
import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The tenantwatch service, a plain sequence: the broker (embedded unless an external cluster is
 * given), the topics, the parts the {@link ServiceConfig} names (ingest, detection, alerting), the
 * metrics endpoints. Closed in reverse.
 */
public final class TenantWatchService implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final ServiceConfig config;
    private final Topics topics;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Closer closer = new Closer();
    private final List<ServicePart> parts = new ArrayList<>();
    private KafkaConnection kafka;
    private Progress progress;
    private IngestPart ingest;
    private MetricsServer metrics;
    private volatile boolean closing;

    public TenantWatchService(ServiceConfig config) {
        this.config = config;
        this.topics = config.topics().topics();
    }

    /** Starts everything; alerts go to {@code alerts} as they are committed to tw.alerts (when alerting runs here). */
    public TenantWatchService start(Consumer<Alert> alerts) {
        try {
            kafka = startBroker();
            bindJvmMetrics();
            Admin admin = closer.push(Admin.create(kafka.properties()));
            new TopicSetup(topics, config.topics().partitions(), config.topics().replicationFactor())
                    .ensure(admin, TOPIC_TIMEOUT);
            progress = new Progress(admin, topics);
            PartContext context = new PartContext(
                    kafka,
                    config.embeddedBroker(),
                    topics,
                    config.topics(),
                    config.tenancy(),
                    registry,
                    config.dataDir());
            if (config.ingest() != null) {
                ingest = started(IngestPart.start(config.ingest(), context));
            }
            if (config.detect() != null) {
                started(DetectionPart.start(config.detect(), config.detectionReadsTenancyTopic(), context));
            }
            if (config.alerting() != null) {
                started(AlertingPart.start(config.alerting(), context, alerts));
            }
            metrics = closer.push(MetricsServer.start(config.metrics(), registry, this::notReadyReason));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts everything, printing each committed alert to {@code out} in {@code format}. */
    public TenantWatchService start(PrintWriter out, AlertFormat format) {
        return start(alert -> {
            synchronized (out) {
                out.println(format.format(alert));
                out.flush();
            }
        });
    }

    private KafkaConnection startBroker() {
        if (config.embeddedBroker()) {
            return KafkaConnection.plain(
                    closer.push(EmbeddedKafka.start(config.dataDir().resolve("kafka")))
                            .bootstrapServers());
        }
        return config.kafka();
    }

    private void bindJvmMetrics() {
        // The Prometheus convention for "which build is this": a constant 1 whose labels say it.
        Gauge.builder("tenantwatch.build.info", () -> 1)
                .description("The running build: its version and Java runtime as labels, value 1")
                .tag("version", Version.current())
                .tag("java", Runtime.version().feature() + "")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // process_uptime_seconds tells a restart loop from a steady pod; process_files_* a
        // descriptor leak (every receiver connection and Kafka socket holds one) before it hits the limit.
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private <P extends ServicePart> P started(P part) {
        parts.add(closer.push(part));
        return part;
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

    /** Null when every part serves; else what is missing, for /readyz. */
    public String notReadyReason() {
        if (closing) {
            return "shutting down";
        }
        for (ServicePart part : parts) {
            String reason = part.notReadyReason();
            if (reason != null) {
                return reason;
            }
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
        return ingest.receiverPort();
    }

    public boolean receiverTls() {
        return ingest.receiverTls();
    }

    public int metricsPort() {
        return metrics.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The ports and addresses a person needs, for the start-up banner. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        parts.forEach(part -> endpoints.putAll(part.endpoints()));
        endpoints.put(
                "metrics",
                "http://" + config.metrics().bindAddress() + ":" + metrics.port() + "/metrics"
                        + (config.metrics().tokens() == null ? "" : " (bearer token)"));
        endpoints.put("kafka", kafka.bootstrapServers());
        return endpoints;
    }

    @Override
    public synchronized void close() {
        closing = true;
        closer.close();
        registry.close();
    }
}
