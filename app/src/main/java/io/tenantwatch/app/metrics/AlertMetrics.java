package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the alerts that reached the end of the pipeline say about it: {@code tenantwatch_alerts_total}
 * by detector and severity, and {@code tenantwatch_detection_latency_seconds} from the event's own
 * time and from ingest's receipt to the moment the alert was read back, committed, from tw.alerts.
 */
public final class AlertMetrics {

    private final MeterRegistry registry;
    private final Timer eventToAlert;
    private final Timer receiptToAlert;
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        counter(alert.detector(), alert.severity()).increment();
        if (alert.time() != null) {
            eventToAlert.record(
                    Duration.ofMillis(Math.max(0, nowMillis - alert.time().toEpochMilli())));
        }
        if (receivedAtMillis > 0) {
            receiptToAlert.record(Duration.ofMillis(Math.max(0, nowMillis - receivedAtMillis)));
        }
    }

    /** Detector ids and severities are bounded sets, so they are safe labels. */
    private Counter counter(String detector, Severity severity) {
        return alertCounters.computeIfAbsent(
                detector + "/" + severity.label(), key -> Counter.builder("tenantwatch.alerts")
                        .description("Alerts read from tw.alerts, by detector and severity")
                        .tag("detector", detector)
                        .tag("severity", severity.label().toLowerCase(Locale.ROOT))
                        .register(registry));
    }
}
