package io.tenantwatch.alerting.delivery;

import java.time.Instant;

/**
 * What one delivery attempt came to. {@code reason} is secret-free (status codes, exception
 * types); {@code retryAt} says when to try again for {@link Kind#FAILED} and {@link Kind#REFUSED}.
 */
public record Outcome(Kind kind, String reason, Instant retryAt) {

    public enum Kind {
        /** The sink has the alert. */
        DELIVERED,
        /** The attempt failed in a way a later one may not: counts towards maxAttempts. */
        FAILED,
        /** The sink refused this payload for good: straight to the DLQ. */
        REJECTED,
        /** Not attempted: the sink's circuit is open. Does not count as an attempt. */
        REFUSED
    }

    static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, null, null);
}
