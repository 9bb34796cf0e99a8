package io.tenantwatch.ingest.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for a request's body. A request thread blocked reading from a sender that trickles
 * its bytes cannot be interrupted; closing the connection ends the blocked read with an
 * {@link java.io.IOException}. Without this, as many slow senders as request threads would stop
 * the receivers for everyone.
 */
final class BodyDeadline implements AutoCloseable {

    private final ScheduledFuture<?> task;
    private volatile boolean expired;

    private BodyDeadline(Runnable closeConnection, Duration timeout) {
        this.task = ConnectionTimer.TIMER.schedule(
                () -> {
                    expired = true;
                    closeConnection.run();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static BodyDeadline start(Runnable closeConnection, Duration timeout) {
        return new BodyDeadline(closeConnection, timeout);
    }

    /** Whether the deadline passed and the connection was closed. */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
