package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link TokenReuse}'s memory, per (cluster, credential id): the pods and addresses it was used
 * from. The store is written only when something changed (a new pod, a new address, a finding) or
 * the last use is older than {@link #REFRESH}, so a busy pod's steady traffic costs a read, not a
 * changelog write per request; credentials unused for the retention period are deleted.
 */
final class TokenReuseTracker implements Processor<String, Observation, String, Alert> {

    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final String storeName;
    private final long retentionMs;
    private final CurrentDetectors current;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, CredentialUses> credentials;

    TokenReuseTracker(String storeName, Duration retention, CurrentDetectors current) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.current = current;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.credentials = context.getStateStore(storeName);
        context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        long time = record.timestamp();
        String pod = observation.actor() == null ? null : observation.actor().podName();
        String ip = observation.sourceIp();
        CredentialUses before = credentials.get(record.key());
        CredentialUses uses =
                (before == null ? CredentialUses.first(time, observation.auditId()) : before).seen(time, pod, ip);
        TokenReuse detector = current.get(TokenReuse.SPEC.id(), TokenReuse.class);
        if (!uses.podsRaised()
                && uses.pods().size() >= 2
                && pod != null
                && !pod.equals(uses.pods().get(0))) {
            forward(detector.secondPod(observation, uses), time);
            uses = uses.raisedPods();
        }
        if (!uses.outsideRaised() && detector.outsideCluster(ip)) {
            forward(detector.outsideUse(observation, uses, ip), time);
            uses = uses.raisedOutside();
        }
        if (before == null || changed(before, uses) || time - before.lastSeen() >= REFRESH.toMillis()) {
            credentials.put(record.key(), uses);
        }
    }

    private static boolean changed(CredentialUses before, CredentialUses after) {
        return before.podsRaised() != after.podsRaised()
                || before.outsideRaised() != after.outsideRaised()
                || !Objects.equals(before.pods(), after.pods())
                || !Objects.equals(before.sourceIPs(), after.sourceIPs())
                || after.firstSeen() < before.firstSeen();
    }

    private void forward(Alert alert, long time) {
        context.forward(new Record<>(alert.fingerprint(), alert, time));
    }

    private void purge(long streamTime) {
        long cutoff = streamTime - retentionMs;
        StoreSweep.deleteWhere(credentials, (key, uses) -> uses.lastSeen() < cutoff);
    }
}
