package io.tenantwatch.ingest.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for a request's body. A request thread blocked reading from a sender that trickles
 * its bytes cannot be interrupted; closing the connection ends the blocked read with an
 * {@link java.io.IOException}. Without this, as many slow senders as request threads would stop
 * the receivers for everyone.
 */
final class BodyDeadline implements AutoCloseable {

    /** One timer for every receiver of the process: it only closes connections. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ScheduledFuture<?> task;
    private volatile boolean expired;

    private BodyDeadline(Runnable closeConnection, Duration timeout) {
        this.task = TIMER.schedule(() -> {
            expired = true;
            closeConnection.run();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tw-receiver-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Nearly every deadline is cancelled: do not keep them queued until they would have run.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
