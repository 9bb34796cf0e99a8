package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;

/**
 * An alert as a Slack Block Kit message that a person reads at a glance: a header with the
 * severity and title, the one-line summary, a grid of the facts an analyst triages on (tenant,
 * namespace, actor, resource, cluster, how often) and a context line with the detector, MITRE and
 * the alert id. {@code text} is the notification fallback. Values are escaped for mrkdwn and cut
 * to Block Kit's limits.
 */
public final class SlackMessage {

    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int FIELD_MAX = 1900;

    private SlackMessage() {}

    public static ObjectNode of(Alert alert) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put(
                "text",
                cut(
                        "[" + alert.severity().label().toUpperCase(java.util.Locale.ROOT) + "] " + alert.title() + ": "
                                + alert.summary(),
                        SECTION_MAX));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("emoji", true)
                .put(
                        "text",
                        cut(
                                emoji(alert.severity()) + " " + capitalized(alert.severity()) + ": " + alert.title(),
                                HEADER_MAX));

        ObjectNode summary = blocks.addObject().put("type", "section");
        summary.putObject("text").put("type", "mrkdwn").put("text", cut(escape(alert.summary()), SECTION_MAX));

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Tenant", AlertText.orDash(alert.tenant()));
        field(fields, "Namespace", AlertText.orDash(alert.namespace()));
        field(fields, "Actor", AlertText.actor(alert));
        field(fields, "Cluster", AlertText.orDash(alert.cluster()));
        String resource = AlertText.resource(alert);
        if (resource != null) {
            field(fields, "Resource", resource);
        }
        String seen = AlertText.occurrences(alert);
        field(fields, "Seen", seen != null ? seen : String.valueOf(alert.time()));
        if (alert.evidence() != null && !alert.evidence().sourceIPs().isEmpty()) {
            field(fields, "Source IP", String.join(", ", alert.evidence().sourceIPs()));
        }
        if (alert.evidence() != null && alert.evidence().falcoRule() != null) {
            field(fields, "Falco rule", alert.evidence().falcoRule());
        }

        String mitre = AlertText.mitre(alert);
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        cut(
                                "tenantwatch · detector `" + code(alert.detector()) + "`"
                                        + (mitre == null ? "" : " · MITRE " + escape(mitre))
                                        + " · alert id `" + code(alert.id()) + "`",
                                SECTION_MAX));
        return message;
    }

    private static void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + cut(escape(value), FIELD_MAX));
    }

    /** Slack's own escaping for mrkdwn: only &amp;, &lt; and &gt;. */
    static String escape(String s) {
        if (s == null) {
            return "-";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String code(String s) {
        return escape(s).replace('`', '\'');
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":large_blue_circle:";
            case INFO -> ":white_circle:";
        };
    }

    private static String capitalized(Severity severity) {
        String label = severity.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
