package io.tenantwatch.app.service;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tenantwatch.app.detection.DetectionWiring;
import io.tenantwatch.app.metrics.AuditCoverage;
import io.tenantwatch.app.metrics.DetectionListeners;
import io.tenantwatch.app.metrics.DetectionMetrics;
import io.tenantwatch.app.metrics.TenantMetrics;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.SwappableDetection;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Detection: the topology of {@link DetectionWiring} as a Kafka Streams app, its configuration
 * reloaded when the operator's file changes, its meters on the service's registry. Ready when
 * Streams runs.
 */
final class DetectionPart implements ServicePart {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONFIG_POLL = Duration.ofSeconds(2);
    private static final int EMBEDDED_SESSION_TIMEOUT_MS = 8_000;

    private final Closer closer;
    private final KafkaStreams streams;

    private DetectionPart(Closer closer, KafkaStreams streams) {
        this.closer = closer;
        this.streams = streams;
    }

    static DetectionPart start(DetectConfig config, boolean readsTenancyTopic, PartContext context) {
        Closer closer = new Closer();
        try {
            SwappableDetection detection = new SwappableDetection(
                    ConfiguredDetectors.build(BuiltInDetectors.definitions(), config.detectors()));
            if (config.detectorConfigFile() != null) {
                closer.push(new DetectorConfigWatcher(
                        config.detectorConfigFile(), detection, context.registry(), CONFIG_POLL));
            }
            DetectionTopology topology = new DetectionWiring(
                            context.tenancy(),
                            readsTenancyTopic,
                            config.tenancyGrace(),
                            DetectionTopology.StateStores.PERSISTENT,
                            config.exportAttributed())
                    .topology(context.topics(), detection, listener(config, context));
            KafkaStreams streams = new KafkaStreams(topology.build(), streamsConfig(config, context));
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(context.registry());
            // Leave the group on close, so a restarted service gets its tasks back at once.
            closer.push(() -> {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT));
                streamsMetrics.close();
            });
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
            streams.start();
            return new DetectionPart(closer, streams);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static DetectionListener listener(DetectConfig config, PartContext context) {
        return DetectionListeners.of(
                new DetectionMetrics(context.registry()),
                new TenantMetrics(
                        context.registry(),
                        config.maxTenantLabels(),
                        BuiltInDetectors.definitions(),
                        config.clusterLabels()),
                new AuditCoverage(context.registry(), config.clusterLabels()));
    }

    private static Properties streamsConfig(DetectConfig config, PartContext context) {
        Properties props = DetectionTopology.streamsConfig(
                context.kafka(), context.dataDir().resolve("streams").toString(), context.topics());
        props.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) context.layout().replicationFactor());
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        if (context.embeddedBroker()) {
            // After a kill -9 the restarted process must not wait out its dead predecessor's
            // 45 s session before it gets its tasks back; on the embedded broker nothing but this
            // process heartbeats, so a short session costs nothing.
            props.put(
                    StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    EMBEDDED_SESSION_TIMEOUT_MS);
            props.put(
                    StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                    EMBEDDED_SESSION_TIMEOUT_MS / 4);
        }
        return props;
    }

    @Override
    public String notReadyReason() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING
                ? null
                : "detection topology " + state.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        closer.close();
    }
}
