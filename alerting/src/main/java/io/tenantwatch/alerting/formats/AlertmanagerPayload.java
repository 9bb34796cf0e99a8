package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An alert as one element of Alertmanager's API v2 {@code POST /api/v2/alerts} body. The labels
 * identify the alert to Alertmanager (it groups, deduplicates and silences on them): the same
 * finding repeated has the same labels thanks to {@code tw_fingerprint}, so a grouped update
 * refreshes the alert Alertmanager already holds instead of adding one. The alert id, which
 * changes with every occurrence, is an annotation. Labels whose value is null are left out, as
 * Prometheus does.
 */
public final class AlertmanagerPayload {

    private AlertmanagerPayload() {}

    /**
     * @param now          the sender's wall clock: {@code endsAt} is {@code resolveAfter} after it, so
     *                     an alert replayed from old events still arrives firing
     * @param runbookUrl   null, or a URL where {@code {detector}} is replaced by the detector id
     * @param generatorUrl null, or a URL to which the alert id is added as {@code tw_alert_id}
     */
    public static ObjectNode of(
            Alert alert, Instant now, Duration resolveAfter, String runbookUrl, String generatorUrl) {
        ObjectNode a = Json.mapper().createObjectNode();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", alert.detector());
        labels.put("severity", alert.severity().label());
        putIfPresent(labels, "tenant", alert.tenant());
        putIfPresent(labels, "namespace", alert.namespace());
        putIfPresent(labels, "cluster", alert.cluster());
        labels.put("detector", alert.detector());
        labels.put("tw_fingerprint", alert.fingerprint());

        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", alert.summary());
        annotations.put("description", description(alert));
        if (runbookUrl != null) {
            annotations.put("runbook_url", runbookUrl.replace("{detector}", alert.detector()));
        }
        annotations.put("title", alert.title());
        annotations.put("tw_alert_id", alert.id());

        Instant last = alert.lastSeen() != null ? alert.lastSeen() : alert.time();
        Instant starts = alert.firstSeen() != null ? alert.firstSeen() : alert.time();
        Instant base = last != null && last.isAfter(now) ? last : now;
        if (starts != null) {
            a.put("startsAt", starts.toString());
        }
        a.put("endsAt", base.plus(resolveAfter).toString());
        a.put(
                "generatorURL",
                generatorUrl == null
                        ? "urn:tenantwatch:alert:" + alert.id()
                        : generatorUrl + (generatorUrl.contains("?") ? "&" : "?") + "tw_alert_id="
                                + URLEncoder.encode(alert.id(), StandardCharsets.UTF_8));
        return a;
    }

    /** Several lines for the person reading the notification. */
    static String description(Alert alert) {
        StringBuilder d = new StringBuilder(256);
        d.append(alert.title()).append(": ").append(alert.summary()).append('\n');
        d.append("Actor: ").append(AlertText.actor(alert)).append('\n');
        d.append("Where: cluster ")
                .append(AlertText.orDash(alert.cluster()))
                .append(", tenant ")
                .append(AlertText.orDash(alert.tenant()))
                .append(", namespace ")
                .append(AlertText.orDash(alert.namespace()))
                .append('\n');
        String resource = AlertText.resource(alert);
        if (resource != null) {
            d.append("Resource: ").append(resource).append('\n');
        }
        String seen = AlertText.occurrences(alert);
        if (seen != null) {
            d.append("Seen: ").append(seen).append('\n');
        }
        String mitre = AlertText.mitre(alert);
        if (mitre != null) {
            d.append("MITRE ATT&CK: ").append(mitre).append('\n');
        }
        if (alert.evidence() != null) {
            appendList(d, "Audit IDs", alert.evidence().auditIds());
            appendList(d, "Source IPs", alert.evidence().sourceIPs());
            if (alert.evidence().falcoRule() != null) {
                d.append("Falco rule: ").append(alert.evidence().falcoRule()).append('\n');
            }
            appendList(d, "Details", alert.evidence().details());
        }
        d.append("Alert id: ").append(alert.id());
        return d.toString();
    }

    private static void appendList(StringBuilder d, String label, List<String> values) {
        if (values != null && !values.isEmpty()) {
            d.append(label).append(": ").append(String.join(", ", values)).append('\n');
        }
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }
}
