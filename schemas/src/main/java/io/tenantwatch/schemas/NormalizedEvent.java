package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One counted event, audit or Falco alike (docs/formats.md, "Normalized event"): what detectors need
 * and nothing that can leak a secret. {@code targetTenant}, {@code actorTenants} and
 * {@code tenancySource} are null until the topology attributes the event.
 *
 * <p>{@code id} is the deduplication key within a cluster: the auditID, or for Falco the uuid
 * (else a content hash).
 */
public record NormalizedEvent(
        String id,
        String source,
        String cluster,
        String clusterResourceId,
        Instant time,
        String auditId,
        String stage,
        Actor actor,
        String verb,
        ResourceRef resource,
        String requestURI,
        String decision,
        Integer code,
        List<String> sourceIPs,
        String userAgent,
        Map<String, String> annotations,
        Facts facts,
        FalcoFacts falco,
        String targetTenant,
        List<String> actorTenants,
        String tenancySource) {

    public static final String SOURCE_AUDIT = "k8s-audit";
    public static final String SOURCE_FALCO = "falco";

    public NormalizedEvent {
        sourceIPs = sourceIPs == null ? List.of() : List.copyOf(sourceIPs);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        facts = facts == null ? Facts.NONE : facts;
        actorTenants = actorTenants == null ? List.of() : List.copyOf(actorTenants);
    }

    @JsonIgnore
    public boolean isAudit() {
        return SOURCE_AUDIT.equals(source);
    }

    @JsonIgnore
    public boolean isFalco() {
        return SOURCE_FALCO.equals(source);
    }

    /**
     * The target namespace: objectRef.namespace, or for a Namespace object the namespace itself;
     * for Falco, k8s.ns.name (else ka.target.namespace), which ingest puts in {@code resource}.
     */
    public String namespace() {
        if (resource == null) {
            return null;
        }
        if (resource.namespace() == null
                && "namespaces".equals(resource.resource())
                && resource.subresource() == null) {
            return resource.name();
        }
        return resource.namespace();
    }

    /**
     * The Kafka key of {@code tw.normalized} and {@code tw.attributed}. An event in a namespace that
     * can belong to a tenant is keyed {@code cluster/namespace}: one detection task sees the
     * namespace's own requests and those inside it in order, and is the one that learns its
     * tenancy. A cluster-scoped request, or one in a default platform namespace (always the
     * platform's, never learned), is keyed by its object ({@code cluster/namespace/resource/name},
     * or {@code .../resource/@user} when it names none): under one key per cluster those were 40 %
     * of a cluster's events (node leases, nodes, cluster-wide watches), so one task did most of the
     * work however many partitions there were, and ran far behind the others in event time when
     * catching up. Copies of an event get the same key, so deduplication still meets them.
     */
    public String partitionKey() {
        String ns = namespace();
        String namespaceKey = cluster + "/" + (ns == null ? "" : ns);
        if (ns != null && !TenancyConfig.isDefaultPlatformNamespace(ns)) {
            return namespaceKey;
        }
        String kind = resource == null ? null : resource.resource();
        String name = resource == null ? null : resource.name();
        String user = actor == null ? null : actor.username();
        if (kind == null && name == null && user == null) {
            return namespaceKey; // nothing to spread by: a Falco alert, which names no object
        }
        return namespaceKey + "/" + (kind == null ? "" : kind) + "/"
                + (name != null ? name : "@" + (user == null ? "" : user));
    }

    /** A copy carrying the attribution result. */
    public NormalizedEvent attributed(ActorClass actorClass, String tenant, List<String> tenants, String decidedBy) {
        return new NormalizedEvent(
                id,
                source,
                cluster,
                clusterResourceId,
                time,
                auditId,
                stage,
                actor == null ? null : actor.withActorClass(actorClass),
                verb,
                resource,
                requestURI,
                decision,
                code,
                sourceIPs,
                userAgent,
                annotations,
                facts,
                falco,
                tenant,
                tenants,
                decidedBy);
    }
}
