package io.tenantwatch.schemas;

/** Kafka topic names (docs/architecture.md, "Kafka topics"), all under one configurable prefix. */
public record Topics(
        String normalized,
        String tenancy,
        String attributed,
        String alerts,
        String alertsRetry,
        String dlq,
        String eventHubsCheckpoints) {

    public static final String DEFAULT_PREFIX = "tw.";

    public static Topics withPrefix(String prefix) {
        return new Topics(
                prefix + "normalized",
                prefix + "tenancy",
                prefix + "attributed",
                prefix + "alerts",
                prefix + "alerts.retry",
                prefix + "dlq",
                prefix + "eventhubs.checkpoints");
    }

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }
}
