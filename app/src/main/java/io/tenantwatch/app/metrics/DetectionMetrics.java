package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the topology reports from inside, as Prometheus counters: events deduplicated, events
 * attributed, and events that came too late for a stateful detector's window (by detector). Counted per processing attempt (a task replayed after a crash counts again); the
 * exactly-once numbers are the alerts counted by {@link AlertMetrics}.
 */
public final class DetectionMetrics implements DetectionListener {

    /** The counter of late events, one per detector (tag {@code detector}). */
    public static final String LATE_EVENTS = "tenantwatch.detection.late.events";

    private final Counter duplicates;
    private final Counter attributed;
    private final MeterRegistry registry;
    /** One counter per detector id: a bounded label (the catalogue's group F). */
    private final Map<String, Counter> late = new ConcurrentHashMap<>();

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("tenantwatch.detection.duplicates")
                .description("Events dropped because their (cluster, id) was seen within the dedup window")
                .register(registry);
        this.attributed = Counter.builder("tenantwatch.detection.events")
                .description("Events that passed deduplication and were attributed to tenants")
                .register(registry);
    }

    @Override
    public void late(String detectorId) {
        late.computeIfAbsent(detectorId, id -> Counter.builder(LATE_EVENTS)
                        .description(
                                "Events not counted by a stateful detector because its event-time window, grace included, had closed")
                        .tag("detector", id)
                        .register(registry))
                .increment();
    }

    @Override
    public void duplicate(NormalizedEvent event) {
        duplicates.increment();
    }

    @Override
    public void attributed(NormalizedEvent event) {
        attributed.increment();
    }
}
