package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.redact.Redaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an alert for one event the way the contract says (docs/alerts.md): everything that
 * comes from the event is filled in here, so a detector only adds its summary and details.
 */
public final class AlertBuilder {

    /** The audit annotation in which the API server names the RBAC grant that allowed a request. */
    private static final String AUTHORIZATION_REASON = "authorization.k8s.io/reason";

    private final DetectorSpec spec;
    private final EventContext context;
    private Severity severity;
    private String title;
    private String summary;
    private String workloadRoot;
    private String falcoRuleForFingerprint;
    private boolean perActor;
    private boolean perNamespace;
    private Alert.Mitre mitre;
    private final List<String> keys = new ArrayList<>(2);
    private final List<String> details = new ArrayList<>(2);

    private AlertBuilder(DetectorSpec spec, EventContext context) {
        this.spec = spec;
        this.context = context;
        this.severity = spec.severity();
        this.title = spec.title();
        this.mitre = spec.mitre();
    }

    public static AlertBuilder of(DetectorSpec spec, EventContext context) {
        return new AlertBuilder(spec, context);
    }

    public AlertBuilder severity(Severity value) {
        this.severity = value;
        return this;
    }

    public AlertBuilder title(String value) {
        this.title = value;
        return this;
    }

    public AlertBuilder summary(String value) {
        this.summary = value;
        return this;
    }

    /** Names the evidence keys (e.g. credential-looking ConfigMap keys), never values. */
    public AlertBuilder key(String value) {
        keys.add(value);
        return this;
    }

    public AlertBuilder detail(String value) {
        details.add(value);
        return this;
    }

    /**
     * Adds {@code authorization: <reason>}, the RBAC grant the API server used: what an analyst has
     * to remove if the request was not wanted. Nothing when the event names no grant.
     */
    public AlertBuilder authorizationDetail() {
        String reason = context.event().annotations().get(AUTHORIZATION_REASON);
        if (reason != null && !reason.isEmpty()) {
            details.add("authorization: " + reason);
        }
        return this;
    }

    /** Group B: fingerprint on the workload root instead of actor and resource (docs/detectors.md). */
    public AlertBuilder workloadRoot(String value) {
        this.workloadRoot = value;
        return this;
    }

    /**
     * For findings of the form "this identity is active" (break-glass-admin): the fingerprint is
     * detector, cluster and actor alone (tenant, namespace, resource and name empty, docs/formats.md's
     * hash inputs otherwise unchanged), so every request of the actor is the same finding.
     */
    public AlertBuilder fingerprintPerActor() {
        this.perActor = true;
        return this;
    }

    /** For findings about a namespace itself (unmapped-namespace): one fingerprint per namespace. */
    public AlertBuilder fingerprintPerNamespace() {
        this.perNamespace = true;
        return this;
    }

    /** Falco alerts: the rule name is part of the fingerprint. */
    public AlertBuilder falcoRule(String value) {
        this.falcoRuleForFingerprint = value;
        return this;
    }

    /** Overrides the spec's MITRE mapping when the event itself names one (Falco rule tags). */
    public AlertBuilder mitre(Alert.Mitre value) {
        this.mitre = value;
        return this;
    }

    public Alert build() {
        NormalizedEvent e = context.event();
        Actor actor = e.actor();
        ResourceRef ref = e.resource();
        FalcoFacts falco = e.falco();
        String username = actor == null ? null : actor.username();
        String qualifiedResource = ref == null ? null : ref.qualifiedResource();
        String resourceName = ref == null ? null : ref.name();

        String fingerprint = perNamespace
                ? AlertKeys.hash(spec.id(), e.cluster(), null, null, e.namespace(), null, null, null)
                : perActor
                        ? AlertKeys.hash(spec.id(), e.cluster(), null, username, null, null, null, null)
                        : workloadRoot != null
                                ? AlertKeys.hash(spec.id(), e.cluster(), e.targetTenant(), e.namespace(), workloadRoot)
                                : AlertKeys.hash(
                                        spec.id(),
                                        e.cluster(),
                                        e.targetTenant(),
                                        username,
                                        e.namespace(),
                                        qualifiedResource,
                                        resourceName,
                                        falcoRuleForFingerprint);

        Alert.Evidence evidence = new Alert.Evidence(
                e.auditId() == null ? List.of() : List.of(e.auditId()),
                1,
                e.sourceIPs(),
                e.userAgent(),
                // exec commands travel in the URI and can carry a token; ingest redacted it, and an
                // event that reached detection some other way is redacted here
                Redaction.requestUri(e.requestURI()),
                falco == null ? null : falco.rule(),
                falco == null ? null : falco.uuid(),
                keys,
                details);

        return new Alert(
                Alert.SCHEMA_VERSION,
                AlertKeys.eventAlertId(spec.id(), e.cluster(), e.id(), e.time()),
                fingerprint,
                spec.id(),
                severity,
                title,
                summary == null ? title : summary,
                e.time(),
                null,
                null,
                e.cluster(),
                e.targetTenant(),
                e.actorTenants(),
                e.namespace(),
                context.alertActor(),
                e.verb(),
                context.alertResource(),
                e.source(),
                evidence,
                mitre);
    }
}
