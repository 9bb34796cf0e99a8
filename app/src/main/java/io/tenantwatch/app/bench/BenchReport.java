package io.tenantwatch.app.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.tenantwatch.schemas.Json;
import java.util.Locale;
import java.util.SortedMap;

/**
 * What {@code tenantwatch bench} measured, as one JSON object ({@code --json}) or a table.
 *
 * @param mode                          topology, broker or parse-only
 * @param events                        audit events and Falco alerts measured (warm-up excluded)
 * @param eventsPerSecond               the mode's throughput
 * @param parseOnlyEventsPerSecond      Jackson's streaming tokenization of the same bytes, one thread
 * @param readOnlyEventsPerSecond       ingest's reader alone on the same bytes (parse, normalize, redact,
 *                                      facts), one thread: the edge every mode pays before detection
 * @param ratio                         eventsPerSecond / parseOnlyEventsPerSecond
 * @param p50LatencyMs                  median latency (topology: from reading a record to its batch detected;
 *                                      broker: produce to alert read from tw.alerts)
 * @param p99LatencyMs                  99th percentile of the same
 * @param heapPeakMb                    most heap in use right after a garbage collection during the run
 * @param alerts                        alerts raised by the measured events
 * @param alertsByDetector              the same by detector id (in --json only): where two runs differ
 * @param detectorsEnabled              detectors running
 * @param cores                         processors available to the JVM
 * @param brokerProduceEventsPerSecond  broker mode: a plain producer writing the same records to the broker
 * @param brokerConsumeEventsPerSecond  broker mode: a plain consumer reading them back
 * @param attacksMissed                 attack events whose expected detector named none of them
 * @param processingFailures            topology mode: records a processor failed on (the service's dead
 *                                      letters); anything but 0 on generated traffic is a bug
 * @param lateEvents                    observations group F dropped as late (its window, grace included,
 *                                      had closed); the bench's traffic is in order, so anything but 0
 *                                      means partitions drifted apart in event time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "mode",
    "events",
    "eventsPerSecond",
    "parseOnlyEventsPerSecond",
    "readOnlyEventsPerSecond",
    "ratio",
    "p50LatencyMs",
    "p99LatencyMs",
    "heapPeakMb",
    "alerts",
    "alertsByDetector",
    "detectorsEnabled",
    "cores"
})
record BenchReport(
        String mode,
        long events,
        double eventsPerSecond,
        double parseOnlyEventsPerSecond,
        double readOnlyEventsPerSecond,
        double ratio,
        Double p50LatencyMs,
        Double p99LatencyMs,
        double heapPeakMb,
        long alerts,
        SortedMap<String, Long> alertsByDetector,
        int detectorsEnabled,
        int cores,
        Double brokerProduceEventsPerSecond,
        Double brokerConsumeEventsPerSecond,
        Long attacksMissed,
        Long processingFailures,
        Long lateEvents) {

    String json() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of numbers and strings always serializes", e);
        }
    }

    /** The same numbers for a person. */
    String table() {
        StringBuilder out = new StringBuilder();
        row(out, "mode", mode);
        row(out, "events", String.format(Locale.ROOT, "%,d", events));
        row(out, "events/s", rate(eventsPerSecond));
        row(out, "parse-only events/s", rate(parseOnlyEventsPerSecond));
        row(out, "read-only events/s", rate(readOnlyEventsPerSecond));
        row(out, "ratio to parse-only", String.format(Locale.ROOT, "%.2f", ratio));
        if (brokerProduceEventsPerSecond != null) {
            row(out, "broker produce events/s", rate(brokerProduceEventsPerSecond));
            row(out, "broker consume events/s", rate(brokerConsumeEventsPerSecond));
        }
        row(out, "latency p50", millis(p50LatencyMs));
        row(out, "latency p99", millis(p99LatencyMs));
        row(out, "heap peak (after GC)", String.format(Locale.ROOT, "%.0f MiB", heapPeakMb));
        row(out, "alerts", String.format(Locale.ROOT, "%,d", alerts));
        if (attacksMissed != null) {
            row(out, "attack events missed", String.format(Locale.ROOT, "%,d", attacksMissed));
        }
        if (processingFailures != null) {
            row(out, "processing failures", String.format(Locale.ROOT, "%,d", processingFailures));
        }
        if (lateEvents != null) {
            row(out, "late for group F", String.format(Locale.ROOT, "%,d", lateEvents));
        }
        row(out, "detectors enabled", Integer.toString(detectorsEnabled));
        row(out, "cores", Integer.toString(cores));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-26s %s%n", name, value));
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String millis(Double ms) {
        return ms == null || ms.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
