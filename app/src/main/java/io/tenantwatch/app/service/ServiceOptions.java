package io.tenantwatch.app.service;

import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import java.nio.file.Path;
import java.time.Duration;
import io.tenantwatch.schemas.KafkaConnection;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code run} and {@code demo} configure the service with.
 *
 * @param bootstrapServers  an external Kafka cluster, or null for the embedded broker
 * @param dataDir           where the embedded broker's log and the Streams state live
 * @param receiverPort      HTTP receivers (0 = any free port)
 * @param metricsPort       /metrics, /healthz, /readyz (0 = any free port)
 * @param bindAddress       receivers' address; null = loopback unless TLS is on
 * @param tlsCert           PEM certificate for the receivers, or null
 * @param tlsKey            PEM private key for the receivers, or null
 * @param tokens            receivers' bearer tokens (several for rotation)
 * @param tenancy           the static tenancy
 * @param detectorConfig    operators' tuning of the catalogue
 * @param detectorConfigFile where that tuning came from, watched for changes; null when none
 * @param defaultCluster    cluster name of receiver paths without one
 * @param topicPrefix       prefix of every topic name
 * @param partitions        partitions of topics created when missing
 * @param replicationFactor replication of topics created when missing
 * @param components        which parts run here, and the tenancy directory's clusters
 * @param kafkaSettings     connection and security settings of every Kafka client (TLS, SASL) for
 *                          the external cluster; empty for the embedded broker
 * @param metricsBindAddress where the metrics port listens; null = 127.0.0.1 (not {@code bindAddress}:
 *                          opening the receivers to the network must not open the metrics too)
 * @param metricsTokens     bearer tokens /metrics asks for; null = none asked
 */
public record ServiceOptions(
        String bootstrapServers,
        Path dataDir,
        int receiverPort,
        int metricsPort,
        String bindAddress,
        Path tlsCert,
        Path tlsKey,
        BearerTokens tokens,
        TenancyConfig tenancy,
        DetectorConfig detectorConfig,
        Path detectorConfigFile,
        String defaultCluster,
        String topicPrefix,
        int partitions,
        short replicationFactor,
        Components components,
        Map<String, String> kafkaSettings,
        String metricsBindAddress,
        BearerTokens metricsTokens) {

    public ServiceOptions {
        components = components == null ? Components.ALL : components;
        kafkaSettings = kafkaSettings == null ? Map.of() : Map.copyOf(kafkaSettings);
        if (!kafkaSettings.isEmpty() && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("Kafka client settings are for an external cluster (--bootstrap-servers)");
        }
    }

    /** Everything in one process, without a cluster directory: tenancy from the file alone. */
    public ServiceOptions(String bootstrapServers, Path dataDir, int receiverPort, int metricsPort, String bindAddress,
                          Path tlsCert, Path tlsKey, BearerTokens tokens, TenancyConfig tenancy, DetectorConfig detectorConfig,
                          Path detectorConfigFile, String defaultCluster, String topicPrefix, int partitions,
                          short replicationFactor) {
        this(bootstrapServers, dataDir, receiverPort, metricsPort, bindAddress, tlsCert, tlsKey, tokens, tenancy,
                detectorConfig, detectorConfigFile, defaultCluster, topicPrefix, partitions, replicationFactor, Components.ALL,
                Map.of(), null, null);
    }

    /** The same options with the tenancy directory watching {@code clusters}. */
    public ServiceOptions withClusters(List<ClusterBinding> clusters, Duration grace) {
        return withComponents(components.withClusters(clusters, grace));
    }

    public ServiceOptions withComponents(Components value) {
        return new ServiceOptions(bootstrapServers, dataDir, receiverPort, metricsPort, bindAddress, tlsCert, tlsKey, tokens,
                tenancy, detectorConfig, detectorConfigFile, defaultCluster, topicPrefix, partitions, replicationFactor, value,
                kafkaSettings, metricsBindAddress, metricsTokens);
    }

    /** The same options, every Kafka client connecting with {@code settings} (see {@link KafkaConnection}). */
    public ServiceOptions withKafkaSettings(Map<String, String> settings) {
        return new ServiceOptions(bootstrapServers, dataDir, receiverPort, metricsPort, bindAddress, tlsCert, tlsKey, tokens,
                tenancy, detectorConfig, detectorConfigFile, defaultCluster, topicPrefix, partitions, replicationFactor, components,
                settings, metricsBindAddress, metricsTokens);
    }

    /** The same options, the metrics port on {@code bind} (null = loopback), /metrics asking for {@code tokens} (null = none). */
    public ServiceOptions withMetricsAccess(String bind, BearerTokens tokens) {
        return new ServiceOptions(bootstrapServers, dataDir, receiverPort, metricsPort, bindAddress, tlsCert, tlsKey, this.tokens,
                tenancy, detectorConfig, detectorConfigFile, defaultCluster, topicPrefix, partitions, replicationFactor, components,
                kafkaSettings, bind, tokens);
    }

    public boolean embeddedBroker() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
