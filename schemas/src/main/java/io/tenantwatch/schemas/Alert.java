package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The alert contract (docs/alerts.md; {@code schemas/alert.schema.json}): what replay,
 * stdout, files, webhooks and {@code tw.alerts} carry. Every field is always present, null where
 * the contract allows it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(
        int schemaVersion,
        String id,
        String fingerprint,
        String detector,
        Severity severity,
        String title,
        String summary,
        Instant time,
        Instant firstSeen,
        Instant lastSeen,
        String cluster,
        String tenant,
        List<String> actorTenants,
        String namespace,
        AlertActor actor,
        String verb,
        AlertResource resource,
        String source,
        Evidence evidence,
        Mitre mitre) {

    public static final int SCHEMA_VERSION = 1;

    public Alert {
        actorTenants = actorTenants == null ? List.of() : List.copyOf(actorTenants);
    }

    /** This alert with another severity (an operator's override). */
    public Alert withSeverity(Severity newSeverity) {
        return new Alert(
                schemaVersion,
                id,
                fingerprint,
                detector,
                newSeverity,
                title,
                summary,
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
                evidence,
                mitre);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AlertActor(
            String username,
            ActorType type,

            @com.fasterxml.jackson.annotation.JsonProperty("class")
            ActorClass actorClass,

            List<String> groups,
            String impersonatedBy,
            String podName) {
        public AlertActor {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AlertResource(String apiGroup, String resource, String subresource, String name) {}

    /** Why the alert fired. {@code auditIds} holds at most {@link #MAX_AUDIT_IDS} ids. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Evidence(
            List<String> auditIds,
            long count,
            List<String> sourceIPs,
            String userAgent,
            String requestURI,
            String falcoRule,
            String falcoUuid,
            List<String> keys,
            List<String> details) {

        public static final int MAX_AUDIT_IDS = 20;

        public Evidence {
            auditIds = auditIds == null
                    ? List.of()
                    : List.copyOf(auditIds.size() > MAX_AUDIT_IDS ? auditIds.subList(0, MAX_AUDIT_IDS) : auditIds);
            sourceIPs = sourceIPs == null ? List.of() : List.copyOf(sourceIPs);
            keys = keys == null ? List.of() : List.copyOf(keys);
            details = details == null ? List.of() : List.copyOf(details);
        }
    }

    /** MITRE ATT&amp;CK mapping; either part may be null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mitre(String tactic, String technique) {}
}
