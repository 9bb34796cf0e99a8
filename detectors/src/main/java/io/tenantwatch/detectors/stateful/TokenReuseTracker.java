package io.tenantwatch.detectors.stateful;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link TokenReuse}'s memory, per (cluster, credential id): the pods and addresses it was used
 * from. The store is written only when something changed (a new pod, a new address, a finding) or
 * the last use is older than {@link #REFRESH}, so a busy pod's steady traffic costs a read, not a
 * changelog write per request; credentials unused for the retention period are deleted.
 */
final class TokenReuseTracker extends KeyedMemory<CredentialUses> {

    static final Duration REFRESH = Duration.ofMinutes(10);

    TokenReuseTracker(String storeName, Duration retention, CurrentDetectors current) {
        super(storeName, retention, current);
    }

    @Override
    void observe(String key, Observation observation, long time) {
        String pod = observation.actor() == null ? null : observation.actor().podName();
        String ip = observation.sourceIp();
        CredentialUses before = store.get(key);
        CredentialUses uses =
                (before == null ? CredentialUses.first(time, observation.auditId()) : before).seen(time, pod, ip);
        TokenReuse detector = current.get(TokenReuse.SPEC.id(), TokenReuse.class);
        if (!uses.podsRaised()
                && uses.pods().size() >= 2
                && pod != null
                && !pod.equals(uses.pods().get(0))) {
            raise(detector.secondPod(observation, uses), time);
            uses = uses.raisedPods();
        }
        if (!uses.outsideRaised() && detector.outsideCluster(ip)) {
            raise(detector.outsideUse(observation, uses, ip), time);
            uses = uses.raisedOutside();
        }
        if (before == null || changed(before, uses) || time - before.lastSeen() >= REFRESH.toMillis()) {
            store.put(key, uses);
        }
    }

    private static boolean changed(CredentialUses before, CredentialUses after) {
        return before.podsRaised() != after.podsRaised()
                || before.outsideRaised() != after.outsideRaised()
                || !Objects.equals(before.pods(), after.pods())
                || !Objects.equals(before.sourceIPs(), after.sourceIPs())
                || after.firstSeen() < before.firstSeen();
    }

    @Override
    boolean expired(String key, CredentialUses value, long cutoff) {
        return value.lastSeen() < cutoff;
    }
}
