package io.tenantwatch.app.service;

import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.TenancyConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the service runs with: what all parts share (the broker, the topics, the static
 * tenancy, the metrics port) and one configuration per part, null when this process does not run
 * that part. {@code run} maps its flags onto this; tests and the other commands use {@link #builder}.
 *
 * @param kafka    an external cluster and its client settings, or null for the embedded broker
 * @param dataDir  where the embedded broker's log and the Streams state live
 * @param topics   topic names and the layout of topics created when missing
 * @param metrics  where /metrics, /healthz and /readyz listen, and the token /metrics asks for
 * @param tenancy  the static tenancy file: detection attributes with it, the directory merges it
 * @param ingest   the receivers, Event Hubs and tenancy directory; null = not run here
 * @param detect   the detection topology; null = not run here
 * @param alerting the alert output and routed sinks; null = not run here
 */
public record ServiceConfig(
        KafkaConnection kafka,
        Path dataDir,
        TopicLayout topics,
        MetricsServer.Endpoint metrics,
        TenancyConfig tenancy,
        IngestConfig ingest,
        DetectConfig detect,
        AlertingConfig alerting) {

    public ServiceConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        topics = topics == null ? TopicLayout.DEFAULTS : topics;
        metrics = metrics == null ? MetricsServer.Endpoint.loopback(0) : metrics;
        tenancy = tenancy == null ? TenancyConfig.EMPTY : tenancy;
        if (ingest == null && detect == null && alerting == null) {
            throw new IllegalArgumentException("no part to run: give at least one of ingest, detect, alerting");
        }
    }

    public boolean embeddedBroker() {
        return kafka == null;
    }

    /** Detection reads {@code tw.tenancy} when a directory runs here or, by the operator's word, elsewhere. */
    public boolean detectionReadsTenancyTopic() {
        return detect != null && (detect.tenancyFromTopic() || (ingest != null && ingest.runsDirectory()));
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Builds a configuration, parts absent unless given. {@link #allParts} gives the three with the
     * defaults that a test on loopback wants.
     */
    public static final class Builder {
        private final Path dataDir;
        private KafkaConnection kafka;
        private TopicLayout topics = TopicLayout.DEFAULTS;
        private MetricsServer.Endpoint metrics = MetricsServer.Endpoint.loopback(0);
        private TenancyConfig tenancy = TenancyConfig.EMPTY;
        private IngestConfig ingest;
        private DetectConfig detect;
        private AlertingConfig alerting;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /**
         * Ingest with receivers on a free loopback port for {@code cluster}, detection with the
         * catalogue's defaults, alerting to the output.
         */
        public Builder allParts(String cluster, BearerTokens tokens) {
            return ingest(IngestConfig.of(
                            ReceiverConfig.defaults(cluster, tokens).withPort(0)))
                    .detect(DetectConfig.DEFAULTS)
                    .alerting(AlertingConfig.OUTPUT_ONLY);
        }

        /** An external cluster; without one the service starts its embedded broker under the data directory. */
        public Builder kafka(KafkaConnection value) {
            this.kafka = value;
            return this;
        }

        public Builder topics(TopicLayout value) {
            this.topics = value;
            return this;
        }

        public Builder metrics(MetricsServer.Endpoint value) {
            this.metrics = value;
            return this;
        }

        public Builder tenancy(TenancyConfig value) {
            this.tenancy = value;
            return this;
        }

        public Builder ingest(IngestConfig value) {
            this.ingest = value;
            return this;
        }

        public Builder detect(DetectConfig value) {
            this.detect = value;
            return this;
        }

        public Builder alerting(AlertingConfig value) {
            this.alerting = value;
            return this;
        }

        /** The configuration; detection's and alerting's metrics also keep a label for every cluster ingest here names. */
        public ServiceConfig build() {
            DetectConfig detection = detect;
            AlertingConfig alerts = alerting;
            if (ingest != null) {
                if (detection != null) {
                    detection = detection.withClusterLabels(union(detection.clusterLabels(), ingest.clusterNames()));
                }
                if (alerts != null) {
                    alerts = alerts.withClusterLabels(union(alerts.clusterLabels(), ingest.clusterNames()));
                }
            }
            return new ServiceConfig(kafka, dataDir, topics, metrics, tenancy, ingest, detection, alerts);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> labels = new LinkedHashSet<>(a);
            labels.addAll(b);
            return labels;
        }
    }
}
