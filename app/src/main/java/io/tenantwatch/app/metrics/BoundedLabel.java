package io.tenantwatch.app.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a metric label's set of values bounded: the first {@code max} distinct values keep their
 * own name, every later one is reported as {@link #OTHER}. Values named as always kept (the
 * platform pseudo-tenant, the "none" of unmapped events) never take a place. Which values get a
 * place is first come, first served, per process: a restart may admit a different set, which is
 * why dashboards show {@code other} next to the named values rather than hiding it.
 *
 * <p>Thread-safe and cheap on the per-event path: one map lookup for an admitted value; an
 * overflowing value is never remembered, so the map never grows past {@code max}.
 */
public final class BoundedLabel {

    public static final String OTHER = "other";
    public static final String NONE = "none";
    /**
     * How many cluster names keep their own {@code cluster} label in one meter family. Clusters are
     * configuration, but a receiver path or an AKS resource id can name one, so the label is capped
     * like the tenant label.
     */
    public static final int MAX_CLUSTERS = 50;

    private final String name;
    private final int max;
    private final Set<String> alwaysKept;
    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger places = new AtomicInteger();

    /**
     * @param name       the label's name, for messages
     * @param max        how many distinct values may keep their own name (0 = every value is {@code other})
     * @param alwaysKept values that are their own label whatever the count (bounded by construction)
     */
    public BoundedLabel(String name, int max, Set<String> alwaysKept) {
        if (max < 0) {
            throw new IllegalArgumentException(
                    name + ": the number of distinct label values must be 0 or more, not " + max);
        }
        this.name = name;
        this.max = max;
        this.alwaysKept = Set.copyOf(alwaysKept);
    }

    /**
     * The {@code cluster} label every meter family uses: {@link #MAX_CLUSTERS} names first come, first
     * served, plus the configured clusters, which always keep their own name so that names posted
     * first cannot take every place and leave a real cluster counted as {@code other}.
     */
    public static BoundedLabel clusters(Set<String> knownClusters) {
        return new BoundedLabel("cluster", MAX_CLUSTERS, knownClusters);
    }

    /** The label for {@code value}: itself while there is room, {@link #NONE} for null or empty, else {@link #OTHER}. */
    public String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        String label = admitted.get(value);
        if (label != null) {
            return label;
        }
        if (alwaysKept.contains(value)) {
            return value;
        }
        return admit(value);
    }

    private String admit(String value) {
        // Reserve a place before publishing the value, so concurrent first sightings never admit more than max.
        while (true) {
            int taken = places.get();
            if (taken >= max) {
                String raced = admitted.get(value);
                return raced != null ? raced : OTHER;
            }
            if (places.compareAndSet(taken, taken + 1)) {
                String previous = admitted.putIfAbsent(value, value);
                if (previous != null) {
                    places.decrementAndGet();
                }
                return value;
            }
        }
    }

    public String name() {
        return name;
    }

    public int max() {
        return max;
    }

    /** How many values have their own name now (the always-kept ones not counted). */
    public int admittedCount() {
        return admitted.size();
    }
}
