package io.tenantwatch.alerting.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": after the n-th failure the nominal delay is
 * {@code initial * 2^(n-1)}, capped at {@code max}; the delay used is half of it plus a random
 * part of the other half, so retries of many alerts do not arrive in lockstep while each still
 * waits at least half the nominal delay. A receiver's {@code Retry-After} is a lower bound.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in [0, 1); injected so tests are exact */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay after {@code failures} failed attempts (1 for the first failure). */
    public Duration after(int failures, Duration retryAfter) {
        long nominal = nominalMillis(failures);
        long half = nominal / 2;
        long delay = half + (long) (random.getAsDouble() * (nominal - half));
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        return Duration.ofMillis(delay);
    }

    long nominalMillis(int failures) {
        long ms = initial.toMillis();
        long cap = max.toMillis();
        for (int i = 1; i < failures && ms < cap; i++) {
            ms *= 2;
        }
        return Math.min(ms, cap);
    }
}
