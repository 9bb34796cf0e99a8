package io.tenantwatch.ingest.http;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer of the process's HTTP listeners: it closes connections whose headers or body came
 * too late. Its tasks only close connections, so one daemon thread serves every listener.
 */
final class ConnectionTimer {

    static final ScheduledThreadPoolExecutor TIMER = timer();

    private ConnectionTimer() {}

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tw-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Nearly every deadline is cancelled: do not keep them queued until they would have run.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
