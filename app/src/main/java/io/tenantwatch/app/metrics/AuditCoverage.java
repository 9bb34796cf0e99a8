package io.tenantwatch.app.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which audit verbs arrive from each cluster, so that a feed that went blind to part of the API is
 * visible and alerted on. The case that matters on AKS: Diagnostic Settings sending only the
 * {@code kube-audit-admin} category, which leaves out every get and list, so the secret-read,
 * cross-tenant-read and enumeration detectors never see a request and stay silent. Such a cluster
 * shows writes at 1 and get/list at 0.
 * <ul>
 *   <li>{@code tenantwatch_audit_events_total{cluster,verb}}: counted audit events (after
 *       deduplication);
 *   <li>{@code tenantwatch_audit_coverage{cluster,verb}}: 1 when at least one event with that verb
 *       arrived from the cluster within the window (default 15 minutes of wall-clock time), else 0.
 * </ul>
 * {@code verb} is one of {@link #VERBS} or {@code other}; {@code cluster} is capped like the tenant
 * label (clusters are configuration, but a receiver path or an AKS resource id can name one), and
 * the configured clusters always keep their own label, so that names arriving first cannot take
 * every place and leave a real cluster counted as {@code other}. All verbs of a cluster are
 * registered when its first event arrives, so a missing verb is a 0, not a missing series.
 */
public final class AuditCoverage implements DetectionListener {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_CLUSTERS = BoundedLabel.MAX_CLUSTERS;
    /** The verbs of docs/detectors.md's terms (read, write), in a fixed order; anything else is "other". */
    static final String[] VERBS = {
        "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "other"
    };

    static final String EVENTS = "tenantwatch.audit.events";
    static final String COVERAGE = "tenantwatch.audit.coverage";
    private static final int OTHER = VERBS.length - 1;

    private final MeterRegistry registry;
    private final Clock clock;
    private final long windowMillis;
    private final BoundedLabel clusters;
    private final Map<String, Cluster> byCluster = new ConcurrentHashMap<>();

    public AuditCoverage(MeterRegistry registry, Set<String> knownClusters) {
        this(registry, DEFAULT_WINDOW, DEFAULT_MAX_CLUSTERS, knownClusters);
    }

    /**
     * @param window        how recent an event must be for its verb to count as arriving
     * @param knownClusters names that always keep their own label, beyond {@code maxClusters}
     */
    public AuditCoverage(MeterRegistry registry, Duration window, int maxClusters, Set<String> knownClusters) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the audit coverage window must be positive, not " + window);
        }
        this.registry = registry;
        this.clock = registry.config().clock();
        this.windowMillis = window.toMillis();
        this.clusters = new BoundedLabel("cluster", maxClusters, knownClusters);
    }

    @Override
    public void attributed(NormalizedEvent event) {
        if (!event.isAudit()) {
            return;
        }
        String label = clusters.of(event.cluster());
        Cluster c = byCluster.get(label);
        if (c == null) {
            c = byCluster.computeIfAbsent(label, Cluster::new);
        }
        int verb = verbIndex(event.verb());
        c.events[verb].increment();
        c.lastSeen.lazySet(verb, clock.wallTime());
    }

    static int verbIndex(String verb) {
        if (verb == null) {
            return OTHER;
        }
        return switch (verb) {
            case "get" -> 0;
            case "list" -> 1;
            case "watch" -> 2;
            case "create" -> 3;
            case "update" -> 4;
            case "patch" -> 5;
            case "delete" -> 6;
            case "deletecollection" -> 7;
            default -> OTHER;
        };
    }

    /** One cluster's counters and the wall-clock time each verb was last seen (0 = never). */
    private final class Cluster {
        final Counter[] events = new Counter[VERBS.length];
        final AtomicLongArray lastSeen = new AtomicLongArray(VERBS.length);

        Cluster(String cluster) {
            for (int i = 0; i < VERBS.length; i++) {
                int verb = i;
                events[i] = Counter.builder(EVENTS)
                        .description("Counted audit events (after deduplication), by cluster and verb")
                        .tag("cluster", cluster)
                        .tag("verb", VERBS[i])
                        .register(registry);
                Gauge.builder(COVERAGE, this, c -> c.covered(verb))
                        .description(
                                "1 when audit events with this verb arrived from the cluster within the coverage window, else 0")
                        .tag("cluster", cluster)
                        .tag("verb", VERBS[i])
                        .register(registry);
            }
        }

        double covered(int verb) {
            long seen = lastSeen.get(verb);
            return seen > 0 && clock.wallTime() - seen <= windowMillis ? 1 : 0;
        }
    }
}
