package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as one element of Alertmanager's API v2 {@code POST /api/v2/alerts} body. The labels
 * identify the alert to Alertmanager (it groups, deduplicates and silences on them): the same
 * finding repeated has the same labels thanks to {@code tw_fingerprint}, so a grouped update
 * refreshes the alert Alertmanager already holds instead of adding one. The alert id, which
 * changes with every occurrence, is an annotation. Labels whose value is null are left out, as
 * Prometheus does.
 *
 * <p>The {@code severity} label speaks the vocabulary of kube-prometheus and most Alertmanager
 * route trees ({@code critical}, {@code warning}, {@code info}), mapped from tenantwatch's five
 * levels by {@link Options#severities()}; tenantwatch's own level is {@value #NATIVE_SEVERITY}.
 */
public final class AlertmanagerPayload {

    /** The label with tenantwatch's own severity ({@code high}, {@code medium}…). */
    public static final String NATIVE_SEVERITY = "tw_severity";

    /**
     * The mapping by default, after each level's triage (docs/alerts.md): {@code critical} pages
     * now, as kube-prometheus's {@code critical} does; {@code high} (same day) and {@code medium}
     * need a person but not a page, which is {@code warning}; {@code low} and {@code info} are
     * context, {@code info}.
     */
    public static final Map<Severity, String> DEFAULT_SEVERITIES = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Severity.CRITICAL, "critical",
            Severity.HIGH, "warning",
            Severity.MEDIUM, "warning",
            Severity.LOW, "info",
            Severity.INFO, "info")));

    /**
     * How one Alertmanager sink shapes its alerts.
     *
     * @param resolveAfter {@code endsAt} is this long after sending (or after {@code lastSeen})
     * @param runbookUrl   null, or a URL where {@code {detector}} is replaced by the detector id
     * @param generatorUrl null (no {@code generatorURL}), or a URL where {@code {id}} and
     *                     {@code {detector}} are replaced; without {@code {id}} the alert id is added
     *                     as the {@code tw_alert_id} query parameter
     * @param severities   the {@code severity} label for each of tenantwatch's levels (all five)
     */
    public record Options(
            Duration resolveAfter, String runbookUrl, String generatorUrl, Map<Severity, String> severities) {

        public static final Duration DEFAULT_RESOLVE_AFTER = Duration.ofHours(1);

        public Options {
            severities = Collections.unmodifiableMap(new EnumMap<>(severities));
            if (severities.size() != Severity.values().length) {
                throw new IllegalArgumentException("a severity label for each level is needed");
            }
        }

        /** Defaults: resolve after an hour, no links, {@link #DEFAULT_SEVERITIES}. */
        public static Options defaults() {
            return new Options(DEFAULT_RESOLVE_AFTER, null, null, DEFAULT_SEVERITIES);
        }

        /** The default mapping with some levels mapped otherwise. */
        public static Map<Severity, String> severities(Map<Severity, String> overrides) {
            Map<Severity, String> out = new EnumMap<>(DEFAULT_SEVERITIES);
            out.putAll(overrides);
            return out;
        }
    }

    private AlertmanagerPayload() {}

    /**
     * @param now the sender's wall clock: {@code endsAt} is {@code resolveAfter} after it, so an
     *            alert replayed from old events still arrives firing
     */
    public static ObjectNode of(Alert alert, Instant now, Options options) {
        ObjectNode a = Json.mapper().createObjectNode();
        ObjectNode labels = a.putObject("labels");
        labels.put("alertname", alert.detector());
        labels.put("severity", options.severities().get(alert.severity()));
        labels.put(NATIVE_SEVERITY, alert.severity().label());
        putIfPresent(labels, "tenant", alert.tenant());
        putIfPresent(labels, "namespace", alert.namespace());
        putIfPresent(labels, "cluster", alert.cluster());
        labels.put("detector", alert.detector());
        labels.put("tw_fingerprint", alert.fingerprint());

        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", alert.summary());
        annotations.put("description", description(alert));
        if (options.runbookUrl() != null) {
            annotations.put("runbook_url", options.runbookUrl().replace("{detector}", alert.detector()));
        }
        annotations.put("title", alert.title());
        annotations.put("tw_alert_id", alert.id());

        Instant last = alert.lastSeen() != null ? alert.lastSeen() : alert.time();
        Instant starts = alert.firstSeen() != null ? alert.firstSeen() : alert.time();
        Instant base = last != null && last.isAfter(now) ? last : now;
        if (starts != null) {
            a.put("startsAt", starts.toString());
        }
        a.put("endsAt", base.plus(options.resolveAfter()).toString());
        if (options.generatorUrl() != null) {
            // Alertmanager shows generatorURL as the alert's "Source" link: only a page that exists.
            a.put("generatorURL", generatorUrl(options.generatorUrl(), alert));
        }
        return a;
    }

    static String generatorUrl(String template, Alert alert) {
        String id = URLEncoder.encode(alert.id(), StandardCharsets.UTF_8);
        String url = template.replace("{detector}", URLEncoder.encode(alert.detector(), StandardCharsets.UTF_8));
        if (url.contains("{id}")) {
            return url.replace("{id}", id);
        }
        return url + (url.contains("?") ? "&" : "?") + "tw_alert_id=" + id;
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
