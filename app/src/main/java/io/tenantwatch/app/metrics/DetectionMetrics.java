package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;

/**
 * What the topology reports from inside, as Prometheus counters: events deduplicated and events
 * attributed. Counted per processing attempt (a task replayed after a crash counts again); the
 * exactly-once numbers are the alerts counted by {@link io.tenantwatch.app.service.AlertPrinter}.
 */
public final class DetectionMetrics implements DetectionListener {

    private final Counter duplicates;
    private final Counter attributed;

    public DetectionMetrics(MeterRegistry registry) {
        this.duplicates = Counter.builder("tenantwatch.detection.duplicates")
                .description("Events dropped because their (cluster, id) was seen within the dedup window")
                .register(registry);
        this.attributed = Counter.builder("tenantwatch.detection.events")
                .description("Events that passed deduplication and were attributed to tenants")
                .register(registry);
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
