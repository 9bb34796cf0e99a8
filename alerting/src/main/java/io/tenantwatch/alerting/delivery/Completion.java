package io.tenantwatch.alerting.delivery;

/** Runs {@code onDone} once {@code parts} parts are finished (an alert routed to several sinks). Single-threaded. */
public final class Completion {

    private int remaining;
    private final Runnable onDone;

    public Completion(int parts, Runnable onDone) {
        this.remaining = parts;
        this.onDone = onDone;
        if (parts == 0) {
            onDone.run();
        }
    }

    public void partDone() {
        if (remaining > 0 && --remaining == 0) {
            onDone.run();
        }
    }
}
