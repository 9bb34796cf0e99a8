package io.tenantwatch.alerting;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a replay handed to its sinks: per sink, alerts delivered and not delivered (with the last
 * reason, secret-free), and how many repeats were grouped or matched no route.
 */
public final class DeliveryReport {

    /** One sink's tally. */
    public record SinkTally(long delivered, long undelivered, String lastFailure) {}

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> lastFailure = new LinkedHashMap<>();
    private long suppressed;
    private long groupUpdates;
    private long unrouted;

    DeliveryReport(Iterable<String> sinks) {
        sinks.forEach(s -> counts.put(s, new long[2]));
    }

    void delivered(String sink) {
        counts.get(sink)[0]++;
    }

    void undelivered(String sink, String reason) {
        counts.get(sink)[1]++;
        lastFailure.put(sink, reason);
    }

    void countSuppressed() {
        suppressed++;
    }

    void countGroupUpdate() {
        groupUpdates++;
    }

    void countUnrouted() {
        unrouted++;
    }

    public Map<String, SinkTally> bySink() {
        Map<String, SinkTally> out = new LinkedHashMap<>();
        counts.forEach((sink, c) -> out.put(sink, new SinkTally(c[0], c[1], lastFailure.get(sink))));
        return out;
    }

    /** True when every routed alert reached every sink it was routed to. */
    public boolean complete() {
        return counts.values().stream().allMatch(c -> c[1] == 0);
    }

    public long suppressed() {
        return suppressed;
    }

    public long groupUpdates() {
        return groupUpdates;
    }

    public long unrouted() {
        return unrouted;
    }

    /** Lines for the summary on stderr. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("alerting: ")
                .append(suppressed)
                .append(" repeats grouped into ")
                .append(groupUpdates)
                .append(" updates, ")
                .append(unrouted)
                .append(" alerts matched no route\n");
        bySink().forEach((sink, t) -> {
            s.append("  sink ").append(sink).append(": ").append(t.delivered()).append(" delivered");
            if (t.undelivered() > 0) {
                s.append(", ")
                        .append(t.undelivered())
                        .append(" NOT delivered (last: ")
                        .append(t.lastFailure())
                        .append(')');
            }
            s.append('\n');
        });
        return s.toString();
    }
}
