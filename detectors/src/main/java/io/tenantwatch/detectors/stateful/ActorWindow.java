package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;

/**
 * What one actor did in one window, as kept in the window store between observations: counts and
 * time bounds, up to {@link Alert.Evidence#MAX_AUDIT_IDS} audit ids, the detector's distinct
 * values (capped), and the actor's identity and place as the first observation gave them. Bounded
 * whatever the actor does: every list is capped.
 *
 * @param start     window start (epoch ms); the window is {@code [start, start + size)}
 * @param namespace the namespace of every observation, or null once they differ (or cluster-scoped)
 * @param spread    observations touched more than one namespace
 */
record ActorWindow(
        long start,
        long firstSeen,
        long lastSeen,
        long count,
        String cluster,
        Alert.AlertActor actor,
        List<String> actorTenants,
        Severity severity,
        String namespace,
        String tenant,
        boolean spread,
        String userAgent,
        List<String> auditIds,
        List<String> sourceIPs,
        List<String> first,
        List<String> second) {

    static final int SOURCE_IPS_KEPT = 10;

    ActorWindow {
        actorTenants = actorTenants == null ? List.of() : actorTenants;
        auditIds = auditIds == null ? List.of() : auditIds;
        sourceIPs = sourceIPs == null ? List.of() : sourceIPs;
        first = first == null ? List.of() : first;
        second = second == null ? List.of() : second;
    }

    /** A window opened by its first observation. */
    static ActorWindow open(long start, long time, Observation observation, WindowedDetector detector) {
        ActorWindow empty = new ActorWindow(
                start,
                time,
                time,
                0,
                observation.cluster(),
                observation.actor(),
                observation.actorTenants(),
                observation.severity(),
                observation.namespace(),
                observation.tenant(),
                false,
                observation.userAgent(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        return empty.add(time, observation, detector);
    }

    /** This window with one more observation (out-of-order ones included). */
    ActorWindow add(long time, Observation observation, WindowedDetector detector) {
        int kept = detector.valuesKept();
        boolean elsewhere = spread || !java.util.Objects.equals(namespace, observation.namespace());
        return new ActorWindow(
                start,
                Math.min(firstSeen, time),
                Math.max(lastSeen, time),
                count + 1,
                cluster,
                actor,
                actorTenants,
                observation.severity().compareTo(severity) > 0 ? observation.severity() : severity,
                elsewhere ? null : namespace,
                elsewhere && !java.util.Objects.equals(tenant, observation.tenant()) ? null : tenant,
                elsewhere,
                userAgent,
                Observations.withCapped(auditIds, observation.auditId(), Alert.Evidence.MAX_AUDIT_IDS),
                Observations.withCapped(sourceIPs, observation.sourceIp(), SOURCE_IPS_KEPT),
                Observations.withCapped(first, detector.firstValue(observation), kept),
                Observations.withCapped(second, detector.secondValue(observation), kept));
    }
}
