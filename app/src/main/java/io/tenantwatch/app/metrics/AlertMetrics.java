package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the alerts that reached the end of the pipeline say about it: {@code tenantwatch_alerts_total}
 * by detector, severity and cluster (capped by {@link BoundedLabel#clusters}, so that a
 * multi-cluster installation can split its alerts by cluster without an unbounded label), and {@code tenantwatch_detection_latency_seconds} from the event's own
 * time and from ingest's receipt to the moment the alert was read back, committed, from tw.alerts.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final Timer eventToAlert;
    private final Timer receiptToAlert;
    private final BoundedLabel clusters;
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();

    /** @param knownClusters cluster names that always keep their own {@code cluster} label */
    public AlertMetrics(MeterRegistry registry, Set<String> knownClusters) {
        this.registry = registry;
        this.clusters = BoundedLabel.clusters(knownClusters);
        this.eventToAlert = Timer.builder("tenantwatch.detection.latency")
                .description("From the event's own time to the alert being read from tw.alerts")
                .tag("from", "event-time")
                .publishPercentileHistogram()
                .register(registry);
        this.receiptToAlert = Timer.builder("tenantwatch.detection.latency")
                .description("From ingest receiving the event to the alert being read from tw.alerts")
                .tag("from", "receipt")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * @param nowMillis        when the alert was read
     * @param receivedAtMillis when ingest received its event, or 0 or less when unknown
     */
    public void alertRead(Alert alert, long nowMillis, long receivedAtMillis) {
        counter(alert.detector(), alert.severity(), clusters.of(alert.cluster()))
                .increment();
        if (alert.time() != null) {
            eventToAlert.record(
                    Duration.ofMillis(Math.max(0, nowMillis - alert.time().toEpochMilli())));
        }
        if (receivedAtMillis > 0) {
            receiptToAlert.record(Duration.ofMillis(Math.max(0, nowMillis - receivedAtMillis)));
        }
    }

    /** Detector ids and severities are bounded sets, so they are safe labels; the cluster is capped. */
    private Counter counter(String detector, Severity severity, String cluster) {
        return alertCounters.computeIfAbsent(
                detector + "/" + severity.label() + "/" + cluster, key -> Counter.builder("tenantwatch.alerts")
                        .description("Alerts read from tw.alerts, by detector, severity and cluster")
                        .tag("detector", detector)
                        .tag("severity", severity.label().toLowerCase(Locale.ROOT))
                        .tag("cluster", cluster)
                        .register(registry));
    }
}
