package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import java.nio.file.Path;
import java.time.Duration;

/** One sink of the routes file, as parsed and checked; {@link Sinks} builds the sink from it. */
public sealed interface SinkConfig {

    String name();

    /** Alertmanager API v2: {@code url} is its base URL (…:9093, with any route prefix). */
    record Alertmanager(String name, Secret url, String runbookUrl, String generatorUrl, Duration resolveAfter)
            implements SinkConfig {
        public static final Duration DEFAULT_RESOLVE_AFTER = Duration.ofHours(1);
    }

    /** Generic webhook: the alert in {@code format}, signed with HMAC-SHA256. */
    record Webhook(String name, Secret url, Secret hmacKey, AlertFormat format) implements SinkConfig {}

    /** Slack incoming webhook (its URL is a credential). */
    record Slack(String name, Secret url) implements SinkConfig {}

    /** A Kafka topic; {@code bootstrapServers} null means the pipeline's own cluster. */
    record Kafka(String name, String topic, String bootstrapServers, AlertFormat format) implements SinkConfig {}

    /** JSON lines (or text) appended to {@code path}, rotated by size. */
    record File(String name, Path path, long maxBytes, int keep, AlertFormat format) implements SinkConfig {
        public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
        public static final int DEFAULT_KEEP = 5;
    }

    /** The process's standard output. */
    record Stdout(String name, AlertFormat format) implements SinkConfig {}
}
