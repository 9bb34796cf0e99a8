package io.tenantwatch.detectors.stateful;

import java.util.List;

/**
 * What {@link TokenReuseTracker} keeps per credential: when it was first and last seen, the first
 * request's audit id, the pods and addresses seen (a few each), and which findings were raised.
 */
record CredentialUses(
        long firstSeen,
        long lastSeen,
        String firstAuditId,
        List<String> pods,
        List<String> sourceIPs,
        boolean podsRaised,
        boolean outsideRaised) {

    static final int PODS_KEPT = 4;
    static final int SOURCE_IPS_KEPT = 8;

    CredentialUses {
        pods = pods == null ? List.of() : pods;
        sourceIPs = sourceIPs == null ? List.of() : sourceIPs;
    }

    static CredentialUses first(long time, String auditId) {
        return new CredentialUses(time, time, auditId, List.of(), List.of(), false, false);
    }

    CredentialUses seen(long time, String pod, String ip) {
        return new CredentialUses(
                Math.min(firstSeen, time),
                Math.max(lastSeen, time),
                firstAuditId,
                Observations.withCapped(pods, pod, PODS_KEPT),
                Observations.withCapped(sourceIPs, ip, SOURCE_IPS_KEPT),
                podsRaised,
                outsideRaised);
    }

    CredentialUses raisedPods() {
        return new CredentialUses(firstSeen, lastSeen, firstAuditId, pods, sourceIPs, true, outsideRaised);
    }

    CredentialUses raisedOutside() {
        return new CredentialUses(firstSeen, lastSeen, firstAuditId, pods, sourceIPs, podsRaised, true);
    }
}
