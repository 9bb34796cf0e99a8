package io.tenantwatch.ingest.tenancy.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.tenantwatch.schemas.NamespaceTenancy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The directory's meters, per cluster (clusters are configuration, so the label is bounded):
 * namespaces by the source that decided their tenant, unmapped namespaces, namespaces whose
 * sources disagree, records published, watch errors, and the directory's age (time since it last
 * knew the cluster's state to be current).
 */
final class DirectoryMetrics implements AutoCloseable {

    /** Tenant sources as a bounded label: every {@code label:<key>} counts as {@code label}. */
    enum Source {
        LABEL("label"),
        CAPSULE("capsule"),
        HNC("hnc"),
        FILE("file"),
        PLATFORM_DEFAULT("platform-default");

        final String tag;

        Source(String tag) {
            this.tag = tag;
        }

        static Source of(String source) {
            if (source == null) {
                return null;
            }
            if (source.startsWith(ClusterTenancyResolver.LABEL_SOURCE_PREFIX)) {
                return LABEL;
            }
            for (Source s : values()) {
                if (s.tag.equals(source)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Counts of one resolution, swapped in whole so a scrape never sees half of one. */
    record Counts(Map<Source, Integer> bySource, int unmapped, int conflicts) {
        static final Counts NONE = new Counts(new EnumMap<>(Source.class), 0, 0);

        static Counts of(ClusterTenancyResolver.Resolution resolution) {
            Map<Source, Integer> bySource = new EnumMap<>(Source.class);
            int unmapped = 0;
            int conflicts = 0;
            for (NamespaceTenancy ns : resolution.namespaces().values()) {
                Source source = Source.of(ns.source());
                if (ns.tenant() == null || source == null) {
                    unmapped++;
                } else {
                    bySource.merge(source, 1, Integer::sum);
                }
                if (!ns.conflicts().isEmpty()) {
                    conflicts++;
                }
            }
            return new Counts(bySource, unmapped, conflicts);
        }
    }

    private final AtomicReference<Counts> counts = new AtomicReference<>(Counts.NONE);
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter published;
    private final Counter publishFailures;

    DirectoryMetrics(MeterRegistry registry, ClusterWatcher watcher, Clock clock) {
        this.registry = registry;
        String cluster = watcher.cluster();
        for (Source source : Source.values()) {
            meters.add(Gauge.builder("tenantwatch.tenancy.namespaces", counts, c -> c.get()
                            .bySource()
                            .getOrDefault(source, 0))
                    .description("Namespaces by the tenancy source that decided their tenant")
                    .tags("cluster", cluster, "source", source.tag)
                    .register(registry));
        }
        meters.add(Gauge.builder("tenantwatch.tenancy.unmapped.namespaces", counts, c -> c.get()
                        .unmapped())
                .description("Namespaces that no tenancy source maps to a tenant or to the platform")
                .tag("cluster", cluster)
                .register(registry));
        meters.add(Gauge.builder(
                        "tenantwatch.tenancy.conflicts", counts, c -> c.get().conflicts())
                .description("Namespaces whose tenancy sources disagree")
                .tag("cluster", cluster)
                .register(registry));
        meters.add(TimeGauge.builder("tenantwatch.tenancy.directory.age", watcher, TimeUnit.MILLISECONDS, w -> {
                    Instant last = w.lastSync();
                    return last == null ? Double.NaN : clock.millis() - last.toEpochMilli();
                })
                .description("Time since the directory last knew the cluster's tenancy to be current")
                .tag("cluster", cluster)
                .register(registry));
        meters.add(FunctionCounter.builder("tenantwatch.tenancy.watch.errors", watcher, ClusterWatcher::watchErrors)
                .description(
                        "Interruptions of the tenancy watch and list errors (each is followed by a reconnect or relist)")
                .tag("cluster", cluster)
                .register(registry));
        published = Counter.builder("tenantwatch.tenancy.records.published")
                .description("Tenancy records written to tw.tenancy (changes, deletions and tombstones)")
                .tag("cluster", cluster)
                .register(registry);
        meters.add(published);
        publishFailures = Counter.builder("tenantwatch.tenancy.publish.failures")
                .description("Attempts to publish tenancy that failed and will be retried")
                .tag("cluster", cluster)
                .register(registry);
        meters.add(publishFailures);
    }

    /** Removes this directory's meters, so a directory started again in the process registers fresh ones. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    void resolved(ClusterTenancyResolver.Resolution resolution, int recordsPublished) {
        counts.set(Counts.of(resolution));
        published.increment(recordsPublished);
    }

    void publishFailed() {
        publishFailures.increment();
    }
}
