package io.tenantwatch.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the receivers' TLS files and token files again when they change on disk, so that a
 * certificate renewed by cert-manager and a rotated token take effect without a restart. Content
 * that cannot be used (a key that does not match, an unreadable file, a token too short) is
 * refused: what was in use keeps serving, and one log line naming the file (never its content)
 * and {@code tenantwatch_receiver_reloads_total{file,outcome="rejected"}} say so, once per content.
 */
final class ReceiverReloader implements AutoCloseable {

    static final String RELOADS = "tenantwatch.receiver.reloads";

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverReloader.class);

    /**
     * Something to apply again when its files change.
     *
     * @param kind  the metric's {@code file} label and the log's subject: {@code certificate} or {@code tokens}
     * @param apply reads the files and puts them in use, or throws {@link ConfigException} leaving
     *              the previous ones in use; returns a line for the log (no secret in it)
     */
    record Reloadable(String kind, List<Path> files, ThrowingApply apply) {
        Reloadable {
            files = List.copyOf(files);
        }
    }

    @FunctionalInterface
    interface ThrowingApply {
        String apply() throws ConfigException;
    }

    private record Watch(Reloadable what, WatchedFiles files, Counter applied, Counter rejected) {}

    private final List<Watch> watches = new ArrayList<>();
    private final ScheduledExecutorService timer;

    /** Takes the files' content now as the content in use; looks again once {@link #start}ed. */
    ReceiverReloader(List<Reloadable> reloadables, MeterRegistry registry) {
        for (Reloadable r : reloadables) {
            watches.add(new Watch(
                    r, new WatchedFiles(r.files()), counter(registry, r, "applied"), counter(registry, r, "rejected")));
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenantwatch-receiver-reloader");
            t.setDaemon(true);
            return t;
        });
    }

    ReceiverReloader start(Duration interval) {
        if (watches.isEmpty()) {
            return this; // no thread for nothing to watch
        }
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private static Counter counter(MeterRegistry registry, Reloadable r, String outcome) {
        return Counter.builder(RELOADS)
                .description("Reloads of the receivers' TLS certificate and token files after they changed, by outcome")
                .tag("file", r.kind())
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Applies what changed since the last look. */
    synchronized void checkNow() {
        for (Watch w : watches) {
            if (!w.files().changed()) {
                continue;
            }
            String files = w.files().files().stream().map(Path::toString).collect(Collectors.joining(", "));
            try {
                String done = w.what().apply().apply();
                w.applied().increment();
                LOG.warn("receivers' {} reloaded from {}: {}", w.what().kind(), files, done);
            } catch (RuntimeException e) {
                // Must not escape: the timer would cancel this task, and no later change would be seen.
                w.rejected().increment();
                LOG.error(
                        "receivers' {} changed but cannot be used; the previous one stays in use: {}",
                        w.what().kind(),
                        e instanceof ConfigException c ? String.join("; ", c.problems()) : e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
