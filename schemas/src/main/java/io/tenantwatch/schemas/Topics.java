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

    /**
     * The compacted topic of tenancy that detection learns from namespace events (docs/tenancy.md,
     * "Learning tenancy from the audit stream"): written by the detection topology, read back by
     * every detection instance as a global store. Named after {@link #tenancy} so that it follows the
     * prefix and sits beside the directory's records, which it never mixes with.
     */
    public String learnedTenancy() {
        return tenancy + ".learned";
    }
}
