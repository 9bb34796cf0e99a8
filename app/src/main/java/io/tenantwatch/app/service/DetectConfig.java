package io.tenantwatch.app.service;

import io.tenantwatch.app.metrics.TenantMetrics;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.config.DetectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What detection runs with: the Kafka Streams topology from {@code tw.normalized} and
 * {@code tw.tenancy} to {@code tw.alerts}.
 *
 * @param detectors          operators' tuning of the catalogue
 * @param detectorConfigFile where that tuning came from, watched and reloaded when it changes; null when none
 * @param tenancyFromTopic   whether cluster tenancy comes from {@code tw.tenancy}, which a directory
 *                           publishes (this process's ingest, or another process's in a split deployment)
 * @param tenancyGrace       how long (event time) an event for a namespace the directory does not
 *                           know yet waits before it is judged unmapped
 * @param maxTenantLabels    tenants named in per-tenant metrics before the rest count as "other"
 * @param clusterLabels      cluster names that always keep their own {@code cluster} metric label,
 *                           whatever names arrive first
 * @param exportAttributed   whether every attributed event is also written to {@code tw.attributed}
 *                           (an export for SIEMs; nothing in tenantwatch reads it)
 * @param commitInterval     how often detection commits its transaction: an alert is visible only
 *                           after the commit, and each commit costs round trips to the broker
 * @param streamThreads      Kafka Streams threads of this process; the tasks (one per partition of
 *                           each sub-topology) are shared among them
 */
public record DetectConfig(
        DetectorConfig detectors,
        Path detectorConfigFile,
        boolean tenancyFromTopic,
        Duration tenancyGrace,
        int maxTenantLabels,
        Set<String> clusterLabels,
        boolean exportAttributed,
        Duration commitInterval,
        int streamThreads) {

    /** Kafka Streams' own default under exactly-once; docs/PERFORMANCE.md has what other values cost and buy. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    /** The catalogue's defaults, tenancy from the file alone. */
    public static final DetectConfig DEFAULTS = new DetectConfig(
            DetectorConfig.DEFAULTS,
            null,
            false,
            DetectionTopology.DEFAULT_TENANCY_GRACE,
            TenantMetrics.DEFAULT_MAX_TENANTS,
            Set.of(),
            false,
            DEFAULT_COMMIT_INTERVAL,
            1);

    public DetectConfig {
        Objects.requireNonNull(detectors, "detectors");
        tenancyGrace = tenancyGrace == null ? DetectionTopology.DEFAULT_TENANCY_GRACE : tenancyGrace;
        if (maxTenantLabels < 1) {
            throw new IllegalArgumentException("--metrics-max-tenants must be at least 1");
        }
        clusterLabels = clusterLabels == null ? Set.of() : Set.copyOf(clusterLabels);
        commitInterval = commitInterval == null ? DEFAULT_COMMIT_INTERVAL : commitInterval;
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("--commit-interval must be positive");
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("--stream-threads must be at least 1");
        }
    }

    /** The same, with {@code config} read from {@code file} (null: not from a file, nothing to watch). */
    public DetectConfig withDetectors(DetectorConfig config, Path file) {
        return new DetectConfig(
                config,
                file,
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                clusterLabels,
                exportAttributed,
                commitInterval,
                streamThreads);
    }

    public DetectConfig withTenancyFromTopic(boolean value, Duration grace) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                value,
                grace,
                maxTenantLabels,
                clusterLabels,
                exportAttributed,
                commitInterval,
                streamThreads);
    }

    public DetectConfig withMaxTenantLabels(int value) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                tenancyFromTopic,
                tenancyGrace,
                value,
                clusterLabels,
                exportAttributed,
                commitInterval,
                streamThreads);
    }

    public DetectConfig withClusterLabels(Set<String> value) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                value,
                exportAttributed,
                commitInterval,
                streamThreads);
    }

    public DetectConfig withAttributedExport(boolean value) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                clusterLabels,
                value,
                commitInterval,
                streamThreads);
    }

    public DetectConfig withCommitInterval(Duration value) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                clusterLabels,
                exportAttributed,
                value,
                streamThreads);
    }

    public DetectConfig withStreamThreads(int value) {
        return new DetectConfig(
                detectors,
                detectorConfigFile,
                tenancyFromTopic,
                tenancyGrace,
                maxTenantLabels,
                clusterLabels,
                exportAttributed,
                commitInterval,
                value);
    }
}
