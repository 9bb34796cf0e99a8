package io.tenantwatch.app.replay;

import io.tenantwatch.ingest.IngestCounters;
import io.tenantwatch.schemas.Reason;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What one replay read and raised, for the summary on stderr: records read, events counted,
 * skipped and rejected by reason, duplicates, alerts by detector, and with {@code --stats} how
 * many events each detector examined and how many of its alerts an exception silenced, so an
 * operator sees where noise comes from before tuning.
 */
public record ReplaySummary(
        IngestCounters.Snapshot ingest,
        long duplicates,
        Map<String, Long> alertsByDetector,
        Map<String, Long> examinedByDetector,
        Map<String, Long> exceptionsByDetector,
        InProcessDetection.ProcessingFailures failures) {

    public long alerts() {
        return alertsByDetector.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events that reached the detectors: counted minus duplicates. */
    public long eventsCounted() {
        return ingest.events() - duplicates;
    }

    /** The summary lines a person reads on stderr. */
    public String describe(boolean withStats) {
        StringBuilder out = new StringBuilder();
        out.append("replay: ")
                .append(ingest.records())
                .append(" records read, ")
                .append(eventsCounted())
                .append(" events counted, ")
                .append(ingest.skippedTotal() + duplicates)
                .append(" skipped")
                .append(byReason(ingest.skipped(), duplicates))
                .append(", ")
                .append(ingest.rejectedTotal())
                .append(" rejected")
                .append(byReason(ingest.rejected(), 0))
                .append('\n');
        out.append("alerts: ").append(alerts()).append(byName(alertsByDetector)).append('\n');
        if (failures.records() > 0) {
            // Not silently lost: the service would have written these to its dead-letter topic.
            out.append("failed in processing: ")
                    .append(failures.records())
                    .append(" records (first: ")
                    .append(failures.first())
                    .append(")\n");
        }
        if (withStats) {
            out.append("detectors (events examined / alerts / exceptions applied):\n");
            Map<String, Long> all = new TreeMap<>(examinedByDetector);
            alertsByDetector.keySet().forEach(id -> all.putIfAbsent(id, 0L));
            exceptionsByDetector.keySet().forEach(id -> all.putIfAbsent(id, 0L));
            all.forEach((id, examined) -> out.append("  ")
                    .append(id)
                    .append(' ')
                    .append(examined)
                    .append(" / ")
                    .append(alertsByDetector.getOrDefault(id, 0L))
                    .append(" / ")
                    .append(exceptionsByDetector.getOrDefault(id, 0L))
                    .append('\n'));
        }
        return out.toString();
    }

    private static String byReason(Map<Reason, Long> counts, long duplicates) {
        Map<String, Long> named = new TreeMap<>();
        counts.forEach((reason, n) -> {
            if (n > 0) {
                named.put(reason.label(), n);
            }
        });
        if (duplicates > 0) {
            named.put(Reason.DUPLICATE.label(), duplicates);
        }
        return byName(named);
    }

    private static String byName(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(", ", " (", ")");
        counts.forEach((name, n) -> joined.add(name + " " + n));
        return joined.toString();
    }
}
