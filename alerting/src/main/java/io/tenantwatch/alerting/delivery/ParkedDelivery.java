package io.tenantwatch.alerting.delivery;

import io.tenantwatch.schemas.Alert;
import java.time.Instant;

/**
 * A delivery waiting for its next attempt: the value of a {@code tw.alerts.retry} record (keyed
 * by fingerprint). It names one sink (an alert routed to three sinks of which one failed parks
 * once), the failed attempts so far, when to try next, when the pipeline first read the alert
 * (for the latency metric) and the last error (secret-free).
 */
public record ParkedDelivery(
        String sink, int failures, Instant notBefore, Instant readAt, String lastError, Alert alert) {

    public ParkedDelivery next(int failures, Instant notBefore, String lastError) {
        return new ParkedDelivery(sink, failures, notBefore, readAt, lastError, alert);
    }
}
