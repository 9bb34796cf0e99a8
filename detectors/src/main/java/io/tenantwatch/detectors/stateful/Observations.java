package io.tenantwatch.detectors.stateful;

import java.util.List;

/**
 * Keys and capped sets of {@link Observation}s, which the stateful part of the topology keys,
 * remembers and combines.
 */
final class Observations {

    /** Joins key parts, as docs/formats.md's hash inputs do; never part of a name or an address. */
    static final char SEPARATOR = '\u001F';

    private Observations() {}

    /** cluster, actor username: one actor's requests meet in one task, whatever namespace they touched. */
    static String actorKey(Observation observation) {
        String username = observation.username();
        return observation.cluster() + SEPARATOR + (username == null ? "" : username);
    }

    /** {@code items} with {@code value} added at the end unless present or full (at most {@code cap}). */
    static List<String> withCapped(List<String> items, String value, int cap) {
        if (value == null || items.size() >= cap || items.contains(value)) {
            return items;
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>(items.size() + 1);
        out.addAll(items);
        out.add(value);
        return out;
    }
}
