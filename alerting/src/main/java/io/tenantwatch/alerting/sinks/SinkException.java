package io.tenantwatch.alerting.sinks;

import java.time.Duration;

/**
 * A sink did not take an alert. {@link #retryable()} says whether trying again can help (a
 * timeout, a 503, a 429) or not (a 400: the receiver rejects this payload, so it goes to the DLQ at
 * once). The message is built by the sink from status codes and exception types only: it never
 * carries a URL or a response body, which could hold a secret.
 */
public final class SinkException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private SinkException(String reason, boolean retryable, Duration retryAfter, Throwable cause) {
        super(reason, cause, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SinkException retryable(String reason) {
        return new SinkException(reason, true, null, null);
    }

    public static SinkException retryable(String reason, Throwable cause) {
        return new SinkException(reason, true, null, cause);
    }

    /** A transient refusal with the receiver's own {@code Retry-After}. */
    public static SinkException retryAfter(String reason, Duration retryAfter) {
        return new SinkException(reason, true, retryAfter, null);
    }

    /** The receiver refused this payload for good. */
    public static SinkException rejected(String reason) {
        return new SinkException(reason, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The receiver's hint, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
