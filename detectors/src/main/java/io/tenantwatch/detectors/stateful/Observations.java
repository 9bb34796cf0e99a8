package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.RequestUri;
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

    /**
     * The path of the request's URI (redacted, without its query): the object, collection or
     * non-resource URL it is about ({@code /api/v1/namespaces/beta-prod/secrets/payments-db},
     * {@code /metrics}); null without a URI.
     */
    static String requestPath(Observation observation) {
        String uri = observation.requestURI();
        return uri == null ? null : RequestUri.pathOf(uri);
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
