package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import java.nio.file.Path;

/** One sink of the routes file, as parsed and checked; {@link Sinks} builds the sink from it. */
public sealed interface SinkConfig {

    String name();

    /** The sinks that POST over HTTP: their headers, credentials and trusted CAs. */
    sealed interface Http extends SinkConfig {
        HttpSettings http();
    }

    /**
     * Alertmanager API v2: {@code url} is its base URL (…:9093, with any route prefix); {@code
     * payload} says how alerts become Alertmanager alerts (severity words, links, resolve time).
     */
    record Alertmanager(String name, Secret url, HttpSettings http, AlertmanagerPayload.Options payload)
            implements Http {}

    /**
     * Generic webhook: the alert in {@code format}, signed per Standard Webhooks with each key of
     * {@code secret} ({@link WebhookKeys}), and with the deprecated {@link WebhookSignature}
     * headers too while {@code legacySignature}.
     */
    record Webhook(
            String name, Secret url, HttpSettings http, Secret secret, AlertFormat format, boolean legacySignature)
            implements Http {}

    /** Slack incoming webhook (its URL is a credential), or an endpoint that speaks its format. */
    record Slack(String name, Secret url, HttpSettings http) implements Http {}

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
