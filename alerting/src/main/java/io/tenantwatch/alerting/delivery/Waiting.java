package io.tenantwatch.alerting.delivery;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Deliveries waiting in memory for their time (read back from the retry topic, or refused by an
 * open circuit), earliest first. Each carries what to run when it is finished and whether it
 * still matters (its partition may have moved to another consumer).
 */
public final class Waiting {

    /** One waiting delivery. */
    public record Entry(
            ParkedDelivery parked,
            Instant due,
            long seq,
            Runnable done,
            BooleanSupplier live,
            DeadLetters.Origin origin) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;
    private volatile int size;

    /** @param origin the record it was read from, for the DLQ headers (may be null) */
    public void add(
            ParkedDelivery parked, Instant due, Runnable done, BooleanSupplier live, DeadLetters.Origin origin) {
        queue.add(new Entry(parked, due, seq++, done, live, origin));
        size = queue.size();
    }

    /** Hands every entry due by {@code now} to {@code action}, earliest first; dead ones are dropped. */
    public void runDue(Instant now, Consumer<Entry> action) {
        while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
            Entry e = queue.poll();
            size = queue.size();
            if (e.live.getAsBoolean()) {
                action.accept(e);
            }
        }
    }

    /** When the earliest entry is due, or null. */
    public Instant nextDue() {
        Entry head = queue.peek();
        return head == null ? null : head.due;
    }

    public void dropDead() {
        queue.removeIf(e -> !e.live.getAsBoolean());
        size = queue.size();
    }

    /** Safe to read from any thread (the gauge). */
    public int size() {
        return size;
    }
}
