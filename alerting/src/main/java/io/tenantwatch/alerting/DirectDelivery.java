package io.tenantwatch.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.alerting.delivery.Delivery;
import io.tenantwatch.alerting.delivery.Outcome;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.sinks.Sinks;
import io.tenantwatch.alerting.suppress.GroupUpdate;
import io.tenantwatch.alerting.suppress.Suppressor;
import io.tenantwatch.schemas.Alert;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Suppress, route and deliver in the caller's thread, without Kafka: what {@code replay --routes}
 * uses. Grouping runs on the alerts' event time, so a replay is deterministic; {@link #finish}
 * closes the open groups, sends their updates and returns only when every delivery has
 * succeeded or given up. Failed deliveries are retried in place with the routes file's backoff;
 * once a sink has used up the attempts on one alert it counts as down and the rest of its alerts
 * are reported undelivered instead of each waiting out the retries.
 */
public final class DirectDelivery implements AutoCloseable {

    /** How to wait for the next attempt (tests may shorten nothing: the routes file sets backoff). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Routes routes;
    private final Delivery delivery;
    private final AlertingMetrics metrics;
    private final Clock wallClock;
    private final EventTimeClock eventTime = new EventTimeClock();
    private final Suppressor<Void> suppressor;
    private final DeliveryReport report;
    private final Map<String, String> down = new HashMap<>();
    private final Sleeper sleeper;

    private DirectDelivery(
            Routes routes, MeterRegistry registry, PrintWriter stdout, Clock wallClock, Sleeper sleeper) {
        this.routes = routes;
        this.metrics = new AlertingMetrics(registry);
        this.wallClock = wallClock;
        this.sleeper = sleeper;
        this.delivery = new Delivery(
                Sinks.build(
                        routes.source(),
                        routes.sinks().values(),
                        new Sinks.Context(wallClock, routes.delivery().timeout(), null, stdout)),
                routes.delivery(),
                wallClock,
                () -> ThreadLocalRandom.current().nextDouble(),
                metrics);
        this.suppressor = new Suppressor<>(routes.suppression(), eventTime);
        this.report = new DeliveryReport(routes.sinks().keySet());
    }

    /**
     * @param stdout where {@code stdout} sinks write
     * @throws io.tenantwatch.schemas.config.ConfigException when a sink cannot be built here (its message names the sink)
     */
    public static DirectDelivery open(Routes routes, MeterRegistry registry, PrintWriter stdout) {
        return new DirectDelivery(routes, registry, stdout, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** Delivers the alert (or absorbs it into its group) before returning. */
    public void offer(Alert alert) {
        eventTime.advanceTo(alert.time());
        sendUpdates(suppressor.due());
        if (suppressor.admit(alert, null) == Suppressor.Admission.REPEAT) {
            metrics.suppressed();
            report.countSuppressed();
            return;
        }
        deliver(alert);
    }

    /** Sends the updates of every open group and reports what was delivered. */
    public DeliveryReport finish() {
        sendUpdates(suppressor.drain());
        return report;
    }

    private void sendUpdates(List<GroupUpdate<Void>> updates) {
        for (GroupUpdate<Void> u : updates) {
            metrics.groupUpdate();
            report.countGroupUpdate();
            deliver(u.update());
        }
    }

    private void deliver(Alert alert) {
        List<String> sinks = routes.sinksFor(alert);
        if (sinks.isEmpty()) {
            metrics.unrouted();
            report.countUnrouted();
            return;
        }
        Instant readAt = wallClock.instant();
        for (String sink : sinks) {
            String reason = down.get(sink);
            if (reason != null) {
                report.undelivered(sink, reason);
                continue;
            }
            deliverToOne(sink, alert, readAt);
        }
    }

    private void deliverToOne(String sink, Alert alert, Instant readAt) {
        int failures = 0;
        while (true) {
            Outcome o = delivery.attempt(sink, alert, failures, readAt);
            switch (o.kind()) {
                case DELIVERED -> {
                    report.delivered(sink);
                    return;
                }
                case REJECTED -> {
                    report.undelivered(sink, o.reason() + ", rejected");
                    return;
                }
                case FAILED -> {
                    failures++;
                    if (delivery.exhausted(failures)) {
                        String reason = o.reason() + " after " + failures + " attempts";
                        down.put(sink, "sink down: " + reason);
                        report.undelivered(sink, reason);
                        return;
                    }
                    waitUntil(o.retryAt());
                }
                case REFUSED -> waitUntil(o.retryAt());
            }
        }
    }

    private void waitUntil(Instant at) {
        Duration d = Duration.between(wallClock.instant(), at);
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a delivery", e);
        }
    }

    @Override
    public void close() {
        delivery.close();
        metrics.close();
    }
}
