package io.tenantwatch.alerting.delivery;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed records are finished, so that offsets are committed only past records whose
 * alert every routed sink has (or that were parked on the retry topic or dead-lettered). Records
 * of a partition may finish out of order (a repeat waits for its group's update, a parked
 * delivery for its time); the committable position is the first unfinished offset. Used from
 * the consumer's thread only.
 */
public final class OffsetLedger {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** One consumed record's obligation: {@link #done()} when it is finished. */
    public static final class Ticket {
        private final Partition owner;
        private final long offset;
        private boolean done;

        private Ticket(Partition owner, long offset) {
            this.owner = owner;
            this.offset = offset;
        }

        public void done() {
            done = true;
        }

        /** False once the partition was revoked: another consumer owns the record now. */
        public boolean live() {
            return !owner.revoked;
        }

        public long offset() {
            return offset;
        }
    }

    private static final class Partition {
        final ArrayDeque<Ticket> open = new ArrayDeque<>();
        long next;
        /** The consumer started here, so there is nothing to commit before it. */
        long committed;

        boolean revoked;

        Partition(long firstOffset) {
            this.next = firstOffset;
            this.committed = firstOffset;
        }
    }

    public Ticket track(TopicPartition tp, long offset) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition(offset));
        Ticket t = new Ticket(p, offset);
        p.open.addLast(t);
        p.next = offset + 1;
        return t;
    }

    /** The positions that moved since the last call: first unfinished offset, or past the last record. */
    public Map<TopicPartition, OffsetAndMetadata> advance() {
        Map<TopicPartition, OffsetAndMetadata> moved = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, Partition> e : partitions.entrySet()) {
            Partition p = e.getValue();
            while (!p.open.isEmpty() && p.open.peekFirst().done) {
                p.open.pollFirst();
            }
            long position = p.open.isEmpty() ? p.next : p.open.peekFirst().offset;
            if (position > p.committed) {
                p.committed = position;
                moved.put(e.getKey(), new OffsetAndMetadata(position));
            }
        }
        return moved;
    }

    /** Forgets the partitions; their tickets turn dead, so their pending work can be dropped. */
    public void revoke(Collection<TopicPartition> revoked) {
        for (Iterator<Map.Entry<TopicPartition, Partition>> it =
                        partitions.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<TopicPartition, Partition> e = it.next();
            if (revoked.contains(e.getKey())) {
                e.getValue().revoked = true;
                it.remove();
            }
        }
    }

    /** Records consumed and not finished yet, over every partition. */
    public int unfinished() {
        int n = 0;
        for (Partition p : partitions.values()) {
            for (Ticket t : p.open) {
                if (!t.done) {
                    n++;
                }
            }
        }
        return n;
    }
}
