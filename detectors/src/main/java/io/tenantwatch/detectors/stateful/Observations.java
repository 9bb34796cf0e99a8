package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.util.List;

/**
 * Reading observations: the per-event alerts that group F detectors emit through the ordinary
 * detection path (so the operator's exceptions, per-tenant settings and severity overrides apply to
 * each event), which the stateful part of the topology then keys, remembers and combines.
 */
final class Observations {

    /** Joins key parts, as docs/formats.md's hash inputs do; never part of a name or an address. */
    static final char SEPARATOR = '\u001F';

    private Observations() {}

    /** cluster, actor username: one actor's requests meet in one task, whatever namespace they touched. */
    static String actorKey(Alert alert) {
        String username = alert.actor() == null ? null : alert.actor().username();
        return alert.cluster() + SEPARATOR + (username == null ? "" : username);
    }

    /** The rest of the first detail that starts with {@code label} ({@code "pod: "}), or null. */
    static String detail(Alert alert, String label) {
        List<String> details = alert.evidence().details();
        for (int i = 0; i < details.size(); i++) {
            String d = details.get(i);
            if (d.startsWith(label)) {
                return d.substring(label.length());
            }
        }
        return null;
    }

    /** The address the API server saw the request come from: the last sourceIPs entry (the others are client-set). */
    static String sourceIp(Alert alert) {
        List<String> ips = alert.evidence().sourceIPs();
        return ips.isEmpty() ? null : ips.get(ips.size() - 1);
    }

    /** The first audit id of the observation (its event's), or null for a Falco alert. */
    static String auditId(Alert alert) {
        List<String> ids = alert.evidence().auditIds();
        return ids.isEmpty() ? null : ids.get(0);
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
