package io.tenantwatch.app.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import io.tenantwatch.detectors.config.SwappableDetection;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads detectors.yaml when it changes, without restarting the service or touching its state: a
 * good file replaces the running configuration; a bad one is refused, the old one stays, and a log
 * line and {@code tenantwatch_config_reloads_total{outcome="rejected"}} say so. Polls the file's
 * modification time, which also works for ConfigMap volumes (their symlink swap changes it).
 *
 * <p>The last outcome is also a state, {@code tenantwatch_config_reload_success} (1 or 0) with
 * {@code tenantwatch_config_reload_timestamp_seconds}: a counter's increase leaves a rate window
 * while the broken file is still in place, the state stays 0 until a good file replaces it. Both
 * start with the configuration the service started with (it was valid, or the service would not run).
 */
public final class DetectorConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorConfigWatcher.class);

    private final Path file;
    private final SwappableDetection detection;
    private final DetectorConfigLoader loader = new DetectorConfigLoader(BuiltInDetectors.definitions());
    private final Counter applied;
    private final Counter rejected;
    /** Read by the gauges, which hold them only weakly. */
    private final AtomicInteger lastSucceeded = new AtomicInteger(1);

    private final AtomicLong lastReloadSeconds = new AtomicLong(Instant.now().getEpochSecond());
    private final ScheduledExecutorService timer;
    private FileTime lastSeen;

    public DetectorConfigWatcher(Path file, SwappableDetection detection, MeterRegistry registry, Duration interval) {
        this.file = file;
        this.detection = detection;
        this.applied = Counter.builder("tenantwatch.config.reloads")
                .tag("outcome", "applied")
                .description("Reloads of the detector configuration, by outcome")
                .register(registry);
        this.rejected = Counter.builder("tenantwatch.config.reloads")
                .tag("outcome", "rejected")
                .description("Reloads of the detector configuration, by outcome")
                .register(registry);
        Gauge.builder("tenantwatch.config.reload.success", lastSucceeded, AtomicInteger::get)
                .description("1 when the last reload of the detector configuration succeeded, 0 when it was rejected")
                .register(registry);
        Gauge.builder("tenantwatch.config.reload.timestamp", lastReloadSeconds, AtomicLong::get)
                .description("When the detector configuration was last loaded or refused, as Unix time")
                .baseUnit("seconds")
                .register(registry);
        this.lastSeen = modified();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenantwatch-config-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads if the file changed since the last look. */
    synchronized void checkNow() {
        FileTime now = modified();
        if (now == null || now.equals(lastSeen)) {
            return;
        }
        lastSeen = now;
        try {
            detection.swap(ConfiguredDetectors.build(BuiltInDetectors.definitions(), loader.load(file)));
            applied.increment();
            outcome(true);
            LOG.warn("detector configuration {} reloaded", file);
        } catch (ConfigException e) {
            // Must not escape: the timer would cancel this task, and no later change would be seen.
            rejected.increment();
            outcome(false);
            LOG.error(
                    "detector configuration {} changed but is invalid; keeping the running one: {}",
                    file,
                    String.join("; ", e.problems()));
        }
    }

    private void outcome(boolean succeeded) {
        lastSucceeded.set(succeeded ? 1 : 0);
        lastReloadSeconds.set(Instant.now().getEpochSecond());
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
