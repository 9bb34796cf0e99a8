package io.tenantwatch.alerting.delivery;

import io.tenantwatch.alerting.AlertingMetrics;
import io.tenantwatch.alerting.sinks.Sink;
import io.tenantwatch.alerting.sinks.SinkException;
import io.tenantwatch.alerting.sinks.Sinks;
import io.tenantwatch.schemas.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt to hand an alert to one sink, behind that sink's circuit breaker, with the next
 * attempt's time computed by the backoff. It decides nothing about waiting or parking: the
 * service pipeline parks failed deliveries on the retry topic, replay waits in place. Metrics per
 * sink and outcome; a log line only when a circuit opens or closes.
 */
public final class Delivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Map<String, Sink> sinks;
    private final Map<String, CircuitBreaker> circuits = new LinkedHashMap<>();
    private final DeliveryPolicy policy;
    private final Backoff backoff;
    private final Clock clock;
    private final AlertingMetrics metrics;

    /**
     * @param clock  the clock of backoff and circuits (wall time)
     * @param random jitter in [0, 1)
     */
    public Delivery(
            Map<String, Sink> sinks,
            DeliveryPolicy policy,
            Clock clock,
            DoubleSupplier random,
            AlertingMetrics metrics) {
        this.sinks = Map.copyOf(sinks);
        this.policy = policy;
        this.backoff = new Backoff(policy.initialBackoff(), policy.maxBackoff(), random);
        this.clock = clock;
        this.metrics = metrics;
        for (String name : sinks.keySet()) {
            CircuitBreaker circuit = new CircuitBreaker(policy.circuitFailures(), policy.circuitOpenFor(), clock);
            circuits.put(name, circuit);
            metrics.circuit(name, CircuitBreaker.State.class, circuit::state, CircuitBreaker.State::label);
        }
    }

    public boolean has(String sink) {
        return sinks.containsKey(sink);
    }

    public DeliveryPolicy policy() {
        return policy;
    }

    /** True when {@code failures} failed attempts used up the allowance. */
    public boolean exhausted(int failures) {
        return failures >= policy.maxAttempts();
    }

    /**
     * @param failedBefore failed attempts so far (0 for the first)
     * @param readAt       when the pipeline first read the alert, for the latency metric
     */
    public Outcome attempt(String sinkName, Alert alert, int failedBefore, Instant readAt) {
        Sink sink = sinks.get(sinkName);
        CircuitBreaker circuit = circuits.get(sinkName);
        if (!circuit.allows()) {
            return new Outcome(Outcome.Kind.REFUSED, "circuit open", circuit.retryAt());
        }
        if (failedBefore > 0) {
            metrics.retried(sinkName);
        }
        try {
            sink.send(alert);
        } catch (SinkException e) {
            return failed(sinkName, circuit, e, failedBefore);
        } catch (RuntimeException e) {
            // A sink bug must not stop the pipeline; treat it like a transient failure.
            return failed(
                    sinkName,
                    circuit,
                    SinkException.retryable("unexpected " + e.getClass().getSimpleName(), e),
                    failedBefore);
        }
        if (circuit.success()) {
            LOG.info("sink {}: delivering again, circuit closed", sinkName);
        }
        Instant now = clock.instant();
        metrics.delivered(
                sinkName, readAt == null || readAt.isAfter(now) ? Duration.ZERO : Duration.between(readAt, now));
        return Outcome.DELIVERED;
    }

    private Outcome failed(String sinkName, CircuitBreaker circuit, SinkException e, int failedBefore) {
        if (!e.retryable()) {
            // The receiver answered: it is up, this payload is what it refuses.
            circuit.success();
            metrics.outcome(sinkName, "rejected");
            return new Outcome(Outcome.Kind.REJECTED, e.getMessage(), null);
        }
        metrics.outcome(sinkName, "failed");
        if (circuit.failure()) {
            LOG.warn(
                    "sink {}: circuit open after {} consecutive failures (last: {}); alerts wait and are tried again every {}",
                    sinkName,
                    policy.circuitFailures(),
                    e.getMessage(),
                    policy.circuitOpenFor());
        }
        Instant retryAt = clock.instant().plus(backoff.after(failedBefore + 1, e.retryAfter()));
        return new Outcome(Outcome.Kind.FAILED, e.getMessage(), retryAt);
    }

    @Override
    public void close() {
        Sinks.closeAll(sinks.values());
    }
}
