package io.tenantwatch.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The alerting pipeline's meters. Labels are bounded: the sink names of the routes file, an
 * outcome, a circuit state, a DLQ reason; never a tenant, user, namespace or alert field.
 *
 * <ul>
 *   <li>{@code tenantwatch.alerting.deliveries{sink,outcome}}: delivered, failed (one attempt),
 *       rejected (the receiver refused the payload), parked (on the retry topic),
 *       dead-lettered;</li>
 *   <li>{@code tenantwatch.alerting.delivery.latency{sink}}: from the pipeline reading the alert to
 *       the sink having it, retries included;</li>
 *   <li>{@code tenantwatch.alerting.retries{sink}}: attempts after the first;</li>
 *   <li>{@code tenantwatch.alerting.suppressed}: repeats absorbed into a group;
 *       {@code tenantwatch.alerting.group.updates}: grouped updates sent;</li>
 *   <li>{@code tenantwatch.alerting.dead.letters{sink,reason}}: records sent to the DLQ;</li>
 *   <li>{@code tenantwatch.alerting.unrouted}: alerts no route matched;</li>
 *   <li>{@code tenantwatch.alerting.circuit.state{sink,state}}: 1 for the sink's current state;</li>
 *   <li>{@code tenantwatch.alerting.retry.waiting}: parked deliveries waiting in memory for their
 *       time.</li>
 * </ul>
 */
public final class AlertingMetrics implements AutoCloseable {

    public static final String NO_SINK = "none";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Counter suppressed;
    private final Counter groupUpdates;
    private final Counter unrouted;
    /** Gauges read state of one pipeline run: removed on close, so a restart registers its own. */
    private final java.util.List<io.micrometer.core.instrument.Meter> gauges =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public AlertingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.suppressed = Counter.builder("tenantwatch.alerting.suppressed")
                .description("Repeated alerts absorbed into a group update")
                .register(registry);
        this.groupUpdates = Counter.builder("tenantwatch.alerting.group.updates")
                .description("Grouped updates sent at the end of a suppression window")
                .register(registry);
        this.unrouted = Counter.builder("tenantwatch.alerting.unrouted")
                .description("Alerts that no route matched")
                .register(registry);
    }

    public void outcome(String sink, String outcome) {
        counters.computeIfAbsent("d/" + sink + "/" + outcome, k -> Counter.builder("tenantwatch.alerting.deliveries")
                        .description("Delivery attempts and their outcomes, by sink")
                        .tag("sink", sink)
                        .tag("outcome", outcome)
                        .register(registry))
                .increment();
    }

    public void delivered(String sink, Duration latency) {
        outcome(sink, "delivered");
        latencies
                .computeIfAbsent(sink, k -> Timer.builder("tenantwatch.alerting.delivery.latency")
                        .description("From reading the alert to the sink having it, retries included")
                        .tag("sink", sink)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(latency);
    }

    public void retried(String sink) {
        counters.computeIfAbsent("r/" + sink, k -> Counter.builder("tenantwatch.alerting.retries")
                        .description("Delivery attempts after the first, by sink")
                        .tag("sink", sink)
                        .register(registry))
                .increment();
    }

    public void deadLettered(String sink, String reason) {
        if (!NO_SINK.equals(sink)) {
            outcome(sink, "dead-lettered");
        }
        counters.computeIfAbsent("q/" + sink + "/" + reason, k -> Counter.builder("tenantwatch.alerting.dead.letters")
                        .description("Alerts sent to the DLQ, by sink and reason")
                        .tag("sink", sink)
                        .tag("reason", reason)
                        .register(registry))
                .increment();
    }

    public void suppressed() {
        suppressed.increment();
    }

    public void groupUpdate() {
        groupUpdates.increment();
    }

    public void unrouted() {
        unrouted.increment();
    }

    /** One gauge per state, 1 for the current one, so a dashboard can show and alert on "open". */
    public <S extends Enum<S>> void circuit(
            String sink, Class<S> states, Supplier<S> current, java.util.function.Function<S, String> label) {
        for (S state : states.getEnumConstants()) {
            gauges.add(Gauge.builder("tenantwatch.alerting.circuit.state", () -> current.get() == state ? 1 : 0)
                    .description("Circuit breaker state of a sink (1 = current)")
                    .tag("sink", sink)
                    .tag("state", label.apply(state))
                    .register(registry));
        }
    }

    public void waiting(Supplier<Number> waiting) {
        gauges.add(Gauge.builder("tenantwatch.alerting.retry.waiting", waiting)
                .description("Parked deliveries waiting in memory for their next attempt")
                .register(registry));
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
