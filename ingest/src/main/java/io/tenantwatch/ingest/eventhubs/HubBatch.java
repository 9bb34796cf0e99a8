package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one batch of hub messages gave: the events and dead letters to write, and the counts for
 * the metrics. A dead letter's detail says where the record came from (hub, partition, sequence
 * number), so that it can be found in the hub. Not thread-safe; one per batch.
 */
final class HubBatch implements ReadSink {

    /** The stage name on the bridge's dead letters ({@code tw.stage}). */
    static final String STAGE = "eventhubs";

    /**
     * JSON, not tw.normalized's binary encoding: this copy goes to tw.dlq, where operators read it,
     * and it is written rarely.
     */
    private static final Serializer<NormalizedEvent> EVENT_JSON =
            JsonSerde.normalizedEvent().serializer();

    private final HubBinding binding;
    private final String partitionId;
    final List<NormalizedEvent> events = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final int[] byReason = new int[Reason.values().length];
    private long sequence = -1;

    HubBatch(HubBinding binding, String partitionId) {
        this.binding = binding;
        this.partitionId = partitionId;
    }

    /** The message whose records come next. */
    void at(long sequenceNumber) {
        this.sequence = sequenceNumber;
    }

    @Override
    public void event(NormalizedEvent e) {
        if (!binding.kind().source().equals(e.source())) {
            // The hub's binding names its clusters: an audit hub's fallback cluster is not the name of
            // the cluster a stray Falco alert came from. The normalized event holds no secret, so it
            // stands in for the original bytes.
            rejected(
                    Reason.UNRECOGNIZED_FORMAT,
                    "a " + e.source() + " event on a hub bound to kind "
                            + binding.kind().label(),
                    EVENT_JSON.serialize(null, e));
            return;
        }
        events.add(e);
    }

    @Override
    public void skipped(Reason reason, String detail) {
        byReason[reason.ordinal()]++;
    }

    @Override
    public void rejected(Reason reason, String detail, byte[] original) {
        byReason[reason.ordinal()]++;
        deadLetters.add(new DeadLetter(
                binding.cluster(), STAGE, reason, where() + (detail == null ? "" : ": " + detail), original));
    }

    int records() {
        int n = events.size();
        for (int c : byReason) {
            n += c;
        }
        return n;
    }

    int skipped() {
        int n = 0;
        for (Reason r : Reason.values()) {
            n += r.rejected() ? 0 : byReason[r.ordinal()];
        }
        return n;
    }

    private String where() {
        return "event hub " + binding.eventHub() + " partition " + partitionId + " sequence " + sequence;
    }
}
