package io.tenantwatch.ingest.tenancy.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.StaticTenancy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenancy directory (docs/tenancy.md): watches each bound cluster, resolves its tenancy whenever
 * something changes, and keeps {@code tw.tenancy} in line with it. Bursts of changes (a Helm
 * release creating fifty namespaces) are resolved once, a moment after the last; a failed publish
 * is retried on the next change or resync, since the topic is brought in line with the whole state
 * each time, not fed deltas.
 */
public final class TenancyDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TenancyDirectory.class);
    private static final Duration WATCH_CHECK = Duration.ofSeconds(1);

    /**
     * @param resync       how often informers re-deliver their whole cache (a safety net, not the mechanism)
     * @param startTimeout how long a cluster may take to answer its first list
     * @param debounce     how long after a change the directory waits for more before resolving
     */
    public record Settings(Duration resync, Duration startTimeout, Duration debounce) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(200));
    }

    private final ClusterTenancyResolver resolver;
    private final TenancyPublisher publisher;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tenancy-directory");
        t.setDaemon(true);
        return t;
    });
    private final List<Cluster> clusters = new ArrayList<>();
    private final Map<String, ClusterTenancyResolver.Resolution> current = new ConcurrentHashMap<>();

    private final class Cluster {
        final ClusterWatcher watcher;
        final AtomicBoolean pending = new AtomicBoolean();
        DirectoryMetrics metrics;
        boolean failing;

        Cluster(ClusterBinding binding) {
            this.watcher = new ClusterWatcher(binding.cluster(), binding.connect(), this::changed, clock);
        }

        void changed() {
            if (pending.compareAndSet(false, true)) {
                scheduler.schedule(this::resolveAndPublish, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void resolveAndPublish() {
            pending.set(false);
            String cluster = watcher.cluster();
            ClusterTenancyResolver.Resolution resolution = resolver.resolve(cluster, watcher.snapshot());
            try {
                int sent = publisher.publish(cluster, resolution);
                current.put(cluster, resolution);
                metrics.resolved(resolution, sent);
                if (failing) {
                    LOG.info("tenancy of cluster {} published again", cluster);
                    failing = false;
                }
            } catch (RuntimeException e) {
                metrics.publishFailed();
                if (!failing) {
                    LOG.warn("cannot publish the tenancy of cluster {} (retrying): {}", cluster, e.getMessage());
                    failing = true;
                }
                // Retry soon: the state to publish is recomputed whole each time.
                if (pending.compareAndSet(false, true)) {
                    scheduler.schedule(this::resolveAndPublish, 5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private TenancyDirectory(StaticTenancy file, TenancyPublisher publisher, Settings settings, Clock clock) {
        this.resolver = new ClusterTenancyResolver(file);
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Connects to every cluster, waits for each one's first list, publishes it, and keeps watching.
     * Fails with a {@link TenancyDirectoryException} (one line) when a cluster cannot be read.
     */
    public static TenancyDirectory start(
            List<ClusterBinding> bindings,
            StaticTenancy file,
            String bootstrapServers,
            String topic,
            MeterRegistry registry,
            Settings settings) {
        return start(bindings, file, KafkaConnection.plain(bootstrapServers), topic, registry, settings);
    }

    /** As {@link #start(List, StaticTenancy, String, String, MeterRegistry, Settings)}, on a cluster that needs client settings. */
    public static TenancyDirectory start(
            List<ClusterBinding> bindings,
            StaticTenancy file,
            KafkaConnection kafka,
            String topic,
            MeterRegistry registry,
            Settings settings) {
        Clock clock = Clock.systemUTC();
        TenancyDirectory directory =
                new TenancyDirectory(file, new TenancyPublisher(kafka, topic, clock), settings, clock);
        try {
            for (ClusterBinding binding : bindings) {
                Cluster cluster = directory.new Cluster(binding);
                directory.clusters.add(cluster);
                cluster.watcher.start(settings.resync(), settings.startTimeout());
                cluster.metrics = new DirectoryMetrics(registry, cluster.watcher, clock);
            }
            directory.scheduler.scheduleWithFixedDelay(
                    () -> directory.clusters.forEach(c -> c.watcher.checkWatch()),
                    WATCH_CHECK.toMillis(),
                    WATCH_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
            // The first publication happens before start returns, so the topology starts with it.
            for (Cluster cluster : directory.clusters) {
                directory.scheduler.submit(cluster::resolveAndPublish).get();
            }
            return directory;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            directory.close();
            throw new TenancyDirectoryException("interrupted while starting the tenancy directory", e);
        } catch (java.util.concurrent.ExecutionException e) {
            directory.close();
            throw new TenancyDirectoryException(ClusterBinding.oneLine(e.getCause()), e.getCause());
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The last published resolution of {@code cluster}, or null before its first. */
    public ClusterTenancyResolver.Resolution current(String cluster) {
        return current.get(cluster);
    }

    /** Resolves and publishes every cluster now, and waits for it (tests, and a forced resync). */
    public void resolveNow() throws InterruptedException {
        for (Cluster cluster : clusters) {
            try {
                scheduler.submit(cluster::resolveAndPublish).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new TenancyDirectoryException(ClusterBinding.oneLine(e.getCause()), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (Cluster cluster : clusters) {
            cluster.watcher.close();
            if (cluster.metrics != null) {
                cluster.metrics.close();
            }
        }
        publisher.close();
    }
}
