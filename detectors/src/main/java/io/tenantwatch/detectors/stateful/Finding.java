package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.redact.Redaction;
import java.time.Instant;
import java.util.List;

/**
 * Builds the alert a stateful detector raises from what it remembered: most fields come from one
 * {@link Observation} (which already went through the operator's exceptions and severity
 * overrides, as the detector's per-event alert would have), and the detector sets what makes it a
 * window, a sequence or a chain (id, fingerprint, time bounds, evidence, summary).
 */
final class Finding {

    private final String detector;
    private final String cluster;
    private String id;
    private String fingerprint;
    private Severity severity;
    private String title;
    private String summary;
    private Instant time;
    private Instant firstSeen;
    private Instant lastSeen;
    private String tenant;
    private List<String> actorTenants;
    private String namespace;
    private Alert.AlertActor actor;
    private String verb;
    private Alert.AlertResource resource;
    private String source;
    private Alert.Mitre mitre;
    private List<String> auditIds = List.of();
    private long count = 1;
    private List<String> sourceIPs = List.of();
    private String userAgent;
    private String requestURI;
    private String falcoRule;
    private String falcoUuid;
    private List<String> details = List.of();

    private Finding(String detector, String cluster) {
        this.detector = detector;
        this.cluster = cluster;
    }

    /**
     * Everything the observation says, as the per-event alert of {@code spec} on its event would
     * (id on the event, title and MITRE mapping of the spec, evidence of the one request); the
     * caller sets the fingerprint, the summary and the details, and overrides what else differs.
     */
    static Finding from(DetectorSpec spec, Observation observation) {
        Finding f = new Finding(spec.id(), observation.cluster());
        f.id = AlertKeys.eventAlertId(spec.id(), observation.cluster(), observation.eventId(), observation.time());
        f.severity = observation.severity();
        f.title = spec.title();
        f.mitre = spec.mitre();
        f.time = observation.time();
        f.tenant = observation.tenant();
        f.actorTenants = observation.actorTenants();
        f.namespace = observation.namespace();
        f.actor = observation.actor();
        f.verb = observation.verb();
        f.resource = observation.resource();
        f.source = observation.source();
        f.auditIds = observation.auditId() == null ? List.of() : List.of(observation.auditId());
        f.sourceIPs = observation.sourceIPs();
        f.userAgent = observation.userAgent();
        f.requestURI = observation.requestURI();
        f.falcoRule = observation.falcoRule();
        f.falcoUuid = observation.falcoUuid();
        return f;
    }

    /** A finding about an actor that no single observation describes (a window). */
    static Finding of(String detector, String cluster) {
        return new Finding(detector, cluster);
    }

    /** The idempotency key (docs/formats.md): detector, cluster and this evidence key. */
    Finding evidenceKey(String key) {
        this.id = AlertKeys.alertId(detector, cluster, key);
        return this;
    }

    /** The idempotency key of a finding about one event that is not the observation's: its id and time. */
    Finding evidenceEvent(String eventId, Instant time) {
        this.id = AlertKeys.eventAlertId(detector, cluster, eventId, time);
        return this;
    }

    /** docs/formats.md's fingerprint inputs after detector and cluster: tenant, actor, namespace, resource, name[, rule]. */
    Finding fingerprint(String... parts) {
        String[] all = new String[parts.length + 2];
        all[0] = detector;
        all[1] = cluster;
        System.arraycopy(parts, 0, all, 2, parts.length);
        this.fingerprint = AlertKeys.hash(all);
        return this;
    }

    Finding spec(DetectorSpec spec, Severity configured) {
        this.severity = configured == null ? spec.severity() : configured;
        this.title = spec.title();
        this.mitre = spec.mitre();
        return this;
    }

    Finding summary(String value) {
        this.summary = value;
        return this;
    }

    Finding time(Instant value) {
        this.time = value;
        return this;
    }

    Finding seen(Instant first, Instant last) {
        this.firstSeen = first;
        this.lastSeen = last;
        return this;
    }

    Finding where(String tenantValue, String namespaceValue) {
        this.tenant = tenantValue;
        this.namespace = namespaceValue;
        return this;
    }

    Finding actor(Alert.AlertActor value, List<String> tenants) {
        this.actor = value;
        this.actorTenants = tenants;
        return this;
    }

    Finding request(String verbValue, Alert.AlertResource resourceValue) {
        this.verb = verbValue;
        this.resource = resourceValue;
        return this;
    }

    Finding source(String value) {
        this.source = value;
        return this;
    }

    Finding evidence(List<String> ids, long countValue) {
        this.auditIds = ids;
        this.count = countValue;
        return this;
    }

    Finding client(List<String> ips, String agent, String uri) {
        this.sourceIPs = ips;
        this.userAgent = agent;
        this.requestURI = uri;
        return this;
    }

    Finding falco(String rule, String uuid) {
        this.falcoRule = rule;
        this.falcoUuid = uuid;
        return this;
    }

    Finding details(List<String> values) {
        this.details = values;
        return this;
    }

    Alert build() {
        return new Alert(
                Alert.SCHEMA_VERSION,
                id,
                fingerprint,
                detector,
                severity,
                title,
                summary == null ? title : summary,
                time,
                firstSeen,
                lastSeen,
                cluster,
                tenant,
                actorTenants,
                namespace,
                actor,
                verb,
                resource,
                source,
                // ingest redacted the URI; an event that reached detection some other way is redacted
                // here, as AlertBuilder does, once per alert rather than once per observation
                new Alert.Evidence(
                        auditIds,
                        count,
                        sourceIPs,
                        userAgent,
                        Redaction.requestUri(requestURI),
                        falcoRule,
                        falcoUuid,
                        List.of(),
                        details),
                mitre);
    }
}
