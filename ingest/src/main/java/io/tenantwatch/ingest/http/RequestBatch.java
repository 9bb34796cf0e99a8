package io.tenantwatch.ingest.http;

import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What one request body gave: the events and dead letters to write, and the counts to answer with. */
final class RequestBatch implements ReadSink {

    /**
     * Rejections that say a record was of a known kind, only incomplete or damaged. Any other
     * rejection means the reader could not tell what the record was.
     */
    private static final Set<Reason> RECOGNIZED = EnumSet.of(Reason.MISSING_FIELD, Reason.TRUNCATED);

    private final String cluster;
    final List<NormalizedEvent> events = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final int[] byReason = new int[Reason.values().length];
    private int skipped;
    private boolean recognizedRejection;

    RequestBatch(String cluster) {
        this.cluster = cluster;
    }

    @Override
    public void event(NormalizedEvent e) {
        events.add(e);
    }

    @Override
    public void skipped(Reason reason, String detail) {
        skipped++;
        byReason[reason.ordinal()]++;
    }

    @Override
    public void rejected(Reason reason, String detail, byte[] original) {
        byReason[reason.ordinal()]++;
        recognizedRejection |= RECOGNIZED.contains(reason);
        deadLetters.add(new DeadLetter(cluster, DeadLetter.STAGE_RECEIVER, reason, detail, original));
    }

    int accepted() {
        return events.size();
    }

    int skipped() {
        return skipped;
    }

    int rejected() {
        return deadLetters.size();
    }

    /** Nothing in the body was of a known format: no event, no skip, and no rejection of a known kind. */
    boolean unreadable() {
        return events.isEmpty() && skipped == 0 && !recognizedRejection;
    }

    /** The first rejection: the reason and detail of a 400. */
    DeadLetter firstRejection() {
        return deadLetters.isEmpty() ? null : deadLetters.get(0);
    }
}
