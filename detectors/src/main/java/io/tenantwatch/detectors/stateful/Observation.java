package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;

/**
 * What group F keeps of one event: a stateful detector's per-event finding, before any window,
 * sequence or join has decided whether it is an alert. It goes through the operator's exceptions,
 * per-tenant settings and severity overrides in the detection step like an alert does, and then
 * through repartition topics and stores ({@link ObservationSerde}), so it holds exactly what the
 * stateful part reads and what the final alert copies from it, as named fields, and nothing else.
 *
 * <p>The other kind is a sequence start ({@link #startOf}): another detector's alert on an RBAC
 * write, which {@code rbac-then-workload} waits on. It is not a group F detector's, so it
 * has no event id, client or Falco fields; {@link #isSequenceStart()} tells the two apart.
 *
 * @param detector      the group F detector that observed the event; for a sequence start, the
 *                      detector whose alert starts it
 * @param eventId       the event's id (its deduplication key), from which the alert id is derived
 * @param severity      the detector's severity as the per-event path decided it (overrides applied)
 * @param auditId       the audit event's id; null for a Falco alert
 * @param sourceIPs     the request's addresses as the audit event lists them (the last one is the
 *                      API server's view)
 * @param requestURI    redacted, as alerts carry it
 * @param credentialId  the service-account token's id ({@code token-reuse})
 * @param pod           {@code namespace/name} of the pod the event is about ({@code runtime-then-api}):
 *                      the Falco alert's pod, or the pod a request's token was issued for
 * @param falcoPriority the Falco alert's priority as Falco wrote it ({@code Warning})
 * @param images        the images of the written pod template, in spec order
 *                      ({@code workload-container-added}); empty for every other detector
 */
public record Observation(
        String detector,
        String eventId,
        Instant time,
        String cluster,
        String source,
        Severity severity,
        Alert.AlertActor actor,
        List<String> actorTenants,
        String verb,
        Alert.AlertResource resource,
        String namespace,
        String tenant,
        String auditId,
        List<String> sourceIPs,
        String userAgent,
        String requestURI,
        String credentialId,
        String pod,
        String falcoRule,
        String falcoUuid,
        String falcoPriority,
        List<String> images) {

    public Observation {
        actorTenants = actorTenants == null ? List.of() : List.copyOf(actorTenants);
        sourceIPs = sourceIPs == null ? List.of() : List.copyOf(sourceIPs);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** The detector's observation of the event, with the fields every alert takes from its event (as AlertBuilder). */
    public static Observation of(DetectorSpec spec, EventContext event) {
        return of(spec, event, null, null, null, null);
    }

    static Observation of(
            DetectorSpec spec,
            EventContext event,
            String credentialId,
            String pod,
            String falcoPriority,
            List<String> images) {
        NormalizedEvent e = event.event();
        FalcoFacts falco = e.falco();
        return new Observation(
                spec.id(),
                e.id(),
                e.time(),
                e.cluster(),
                e.source(),
                spec.severity(),
                event.alertActor(),
                e.actorTenants(),
                e.verb(),
                event.alertResource(),
                e.namespace(),
                e.targetTenant(),
                e.auditId(),
                e.sourceIPs(),
                e.userAgent(),
                // as the event has it (ingest redacted it); Finding redacts again when an alert is built
                e.requestURI(),
                credentialId,
                pod,
                falco == null ? null : falco.rule(),
                falco == null ? null : falco.uuid(),
                falcoPriority,
                images);
    }

    /** A sequence start: what {@code rbac-then-workload} needs of another detector's alert on an RBAC write. */
    static Observation startOf(Alert alert) {
        List<String> auditIds = alert.evidence().auditIds();
        return new Observation(
                alert.detector(),
                null,
                alert.time(),
                alert.cluster(),
                alert.source(),
                alert.severity(),
                alert.actor(),
                alert.actorTenants(),
                alert.verb(),
                alert.resource(),
                alert.namespace(),
                alert.tenant(),
                auditIds.isEmpty() ? null : auditIds.get(0),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This observation with the operator's severity. */
    public Observation withSeverity(Severity value) {
        return new Observation(
                detector,
                eventId,
                time,
                cluster,
                source,
                value,
                actor,
                actorTenants,
                verb,
                resource,
                namespace,
                tenant,
                auditId,
                sourceIPs,
                userAgent,
                requestURI,
                credentialId,
                pod,
                falcoRule,
                falcoUuid,
                falcoPriority,
                images);
    }

    /** Another detector's alert that starts a sequence, not a group F observation. */
    boolean isSequenceStart() {
        return !StatefulDetectors.isObservation(detector);
    }

    String username() {
        return actor == null ? null : actor.username();
    }

    /** The address the API server saw the request come from: the last sourceIPs entry (the others are client-set). */
    String sourceIp() {
        return sourceIPs.isEmpty() ? null : sourceIPs.get(sourceIPs.size() - 1);
    }
}
