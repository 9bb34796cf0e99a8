package io.tenantwatch.alerting.formats;

import io.tenantwatch.schemas.Alert;

/** Short phrases about an alert that more than one human-facing format uses. */
final class AlertText {

    private AlertText() {}

    /** "alice@contoso.com (admin user)", or "-" when there is no actor. */
    static String actor(Alert alert) {
        Alert.AlertActor actor = alert.actor();
        if (actor == null || actor.username() == null) {
            return "-";
        }
        StringBuilder s = new StringBuilder(actor.username());
        String kind = ((actor.actorClass() == null ? "" : actor.actorClass().label() + " ")
                        + (actor.type() == null ? "" : actor.type().label()))
                .trim();
        if (!kind.isEmpty()) {
            s.append(" (").append(kind).append(')');
        }
        if (actor.impersonatedBy() != null) {
            s.append(", impersonated by ").append(actor.impersonatedBy());
        }
        return s.toString();
    }

    /** "pods/exec alpha-web/api-1 (create)", or null without a resource. */
    static String resource(Alert alert) {
        Alert.AlertResource r = alert.resource();
        if (r == null || r.resource() == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        if (r.apiGroup() != null && !r.apiGroup().isEmpty()) {
            s.append(r.apiGroup()).append('/');
        }
        s.append(r.resource());
        if (r.subresource() != null) {
            s.append('/').append(r.subresource());
        }
        if (r.name() != null) {
            s.append(' ');
            if (alert.namespace() != null) {
                s.append(alert.namespace()).append('/');
            }
            s.append(r.name());
        }
        if (alert.verb() != null) {
            s.append(" (").append(alert.verb()).append(')');
        }
        return s.toString();
    }

    /** "Execution / T1609", or null without a mapping. */
    static String mitre(Alert alert) {
        Alert.Mitre m = alert.mitre();
        if (m == null || (m.tactic() == null && m.technique() == null)) {
            return null;
        }
        return (m.tactic() == null ? "-" : m.tactic()) + " / " + (m.technique() == null ? "-" : m.technique());
    }

    /** "12 times from … to …" for grouped or windowed alerts, null for a single occurrence. */
    static String occurrences(Alert alert) {
        long count = alert.evidence() == null ? 1 : alert.evidence().count();
        if (count <= 1) {
            return null;
        }
        String span = alert.firstSeen() != null && alert.lastSeen() != null
                ? " from " + alert.firstSeen() + " to " + alert.lastSeen()
                : "";
        return count + " times" + span;
    }

    static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
