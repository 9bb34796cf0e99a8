package io.tenantwatch.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantwatch.schemas.Reason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The receivers' meters. Tags are bounded: source and endpoint are the two receivers (or "other"),
 * status an HTTP code, reason a {@link Reason} label; never a cluster, user, address or pod.
 * Prometheus shows them as {@code tenantwatch_ingest_records_total},
 * {@code tenantwatch_receiver_requests_total} and {@code tenantwatch_receiver_request_duration_seconds}
 * (a histogram: {@code _bucket}, {@code _count}, {@code _sum}, {@code _max}).
 */
final class ReceiverMetrics {

    static final String RECORDS = "tenantwatch.ingest.records";
    static final String REQUESTS = "tenantwatch.receiver.requests";
    static final String DURATION = "tenantwatch.receiver.request.duration";

    /**
     * The request time's histogram buckets (Prometheus {@code le}): fixed, so that every pod has the
     * same ones and {@code histogram_quantile} can sum them across pods, which client-side percentiles
     * cannot. From a quick 401 to the 60 s a body may take; 13 buckets per endpoint and status.
     */
    static final Duration[] BUCKETS = Stream.of(
                    5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<Route.Endpoint, Counter> accepted = new EnumMap<>(Route.Endpoint.class);
    private final Map<Route.Endpoint, Counter[]> byReason = new EnumMap<>(Route.Endpoint.class);
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    ReceiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so that a dashboard shows zeros rather than gaps.
        for (Route.Endpoint source : Route.Endpoint.values()) {
            accepted.put(source, records(source, "accepted", "none"));
            Counter[] reasons = new Counter[Reason.values().length];
            for (Reason r : Reason.values()) {
                reasons[r.ordinal()] = records(source, r.rejected() ? "rejected" : "skipped", r.label());
            }
            byReason.put(source, reasons);
        }
    }

    private Counter records(Route.Endpoint source, String outcome, String reason) {
        return Counter.builder(RECORDS)
                .description(
                        "Input records by outcome: accepted to tw.normalized, skipped by design, or rejected to tw.dlq")
                .tag("source", source.label)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    /** Counts a request's records once its outcome is final (not for a 503, which the sender retries). */
    void records(Route.Endpoint source, RequestBatch batch) {
        if (batch.accepted() > 0) {
            accepted.get(source).increment(batch.accepted());
        }
        Counter[] reasons = byReason.get(source);
        for (int i = 0; i < batch.byReason.length; i++) {
            if (batch.byReason[i] > 0) {
                reasons[i].increment(batch.byReason[i]);
            }
        }
    }

    void request(String endpoint, String status, long nanos) {
        String key = endpoint + ' ' + status;
        requests.computeIfAbsent(key, k -> Counter.builder(REQUESTS)
                        .description("Receiver requests by endpoint and HTTP status")
                        .tag("endpoint", endpoint)
                        .tag("status", status)
                        .register(registry))
                .increment();
        durations
                .computeIfAbsent(key, k -> Timer.builder(DURATION)
                        .description("Receiver request time, from dispatch to the last byte of the answer")
                        .tag("endpoint", endpoint)
                        .tag("status", status)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
