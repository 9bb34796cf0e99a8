package io.tenantwatch.alerting.delivery;

import java.time.Duration;

/**
 * Retries, backoff and circuit breaking, the same for every sink: an alert gets up to
 * {@code maxAttempts} attempts per sink, spaced by exponential backoff with jitter between
 * {@code initialBackoff} and {@code maxBackoff}; each attempt may take {@code timeout};
 * {@code circuitFailures} consecutive failures of a sink open its circuit for
 * {@code circuitOpenFor}.
 */
public record DeliveryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration timeout,
        int circuitFailures,
        Duration circuitOpenFor) {

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 < initialBackoff <= maxBackoff");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (circuitFailures < 1 || circuitOpenFor.isNegative() || circuitOpenFor.isZero()) {
            throw new IllegalArgumentException("circuit breaker needs failures >= 1 and a positive openFor");
        }
    }

    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(
                10, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10), 5, Duration.ofSeconds(30));
    }
}
