package io.tenantwatch.alerting.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One sink's circuit: after {@code threshold} consecutive failures it opens and refuses sends for
 * {@code openFor} (alerts wait on the retry path instead of each paying a timeout); then one trial
 * send is let through (half-open): success closes the circuit, failure opens it again. Refused
 * sends are not attempts: they do not bring an alert closer to the DLQ. Single-threaded; the state
 * is also read by the metrics gauge from other threads.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED("closed"),
        OPEN("open"),
        HALF_OPEN("half-open");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private volatile State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** True when a send may go ahead now (closed, or the one trial of half-open). */
    public boolean allows() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            return true;
        }
        return state == State.CLOSED || state == State.HALF_OPEN;
    }

    /** When an open circuit lets the next trial through. */
    public Instant retryAt() {
        return openUntil;
    }

    /** @return true when this success closed an open or half-open circuit */
    public boolean success() {
        consecutiveFailures = 0;
        boolean wasOpen = state != State.CLOSED;
        state = State.CLOSED;
        return wasOpen;
    }

    /** @return true when this failure opened a closed circuit (a failed trial re-opens quietly) */
    public boolean failure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            boolean opened = state == State.CLOSED;
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
            return opened;
        }
        return false;
    }

    public State state() {
        return state;
    }
}
