package io.tenantwatch.app.replay;

import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * Reads on a thread of its own while the calling thread detects: the edge (parse, normalize,
 * redact, facts) is about two fifths of replay's time, and one thread doing both left the second
 * core idle. What is read reaches the caller's sink in the order it was read, events, skips and
 * rejections alike, so a replay gives the same alerts in the same order as on one thread; the
 * caller's thread alone touches the topology. At most {@value #CHUNKS_AHEAD} chunks of
 * {@value #CHUNK} items wait between the two, so a fast reader cannot fill the heap.
 */
public final class ReadAhead {

    static final int CHUNK = 256;
    static final int CHUNKS_AHEAD = 8;
    private static final LongConsumer NOT_TIMED = readAt -> {};

    /** What the reading thread does: everything it reads goes to the sink it is given. */
    @FunctionalInterface
    public interface Reading {
        void into(ReadSink sink) throws Exception;
    }

    private ReadAhead() {}

    /**
     * Runs {@code reading} on a new thread and hands what it reads to {@code consumer} on this one,
     * in order. Returns when both are done; what either threw is thrown here (a checked exception
     * of the reading wrapped in an {@link IllegalStateException}), and the reading thread is
     * stopped when the consumer fails.
     */
    public static void run(Reading reading, ReadSink consumer) {
        run(reading, consumer, null);
    }

    /**
     * The same, telling {@code readAt} before each event the {@link System#nanoTime} at which the
     * reading thread handed it over (for latencies measured from the reading; null: not timed).
     */
    public static void run(Reading reading, ReadSink consumer, LongConsumer readAt) {
        BlockingQueue<Chunk> handedOver = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        boolean timed = readAt != null;
        Thread reader = new Thread(() -> read(reading, handedOver, timed), "tenantwatch-read-ahead");
        reader.setDaemon(true);
        reader.start();
        boolean finished = false;
        try {
            while (true) {
                Chunk chunk = handedOver.take();
                for (Item item : chunk.items()) {
                    item.deliver(consumer, timed ? readAt : NOT_TIMED);
                }
                if (chunk.last()) {
                    finished = true;
                    if (chunk.failure() != null) {
                        throw rethrown(chunk.failure());
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reading thread", e);
        } finally {
            if (!finished) {
                reader.interrupt();
            }
        }
    }

    private static void read(Reading reading, BlockingQueue<Chunk> handedOver, boolean timed) {
        Gathering gathering = new Gathering(handedOver, timed);
        Throwable failure = null;
        try {
            reading.into(gathering);
        } catch (Throwable t) {
            failure = t;
        }
        try {
            handedOver.put(new Chunk(gathering.take(), true, failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the consumer gave up: nobody waits for the rest
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure.getMessage(), failure);
    }

    /** The reading thread's sink: gathers items into chunks and hands each over when full. */
    private static final class Gathering implements ReadSink {
        private final BlockingQueue<Chunk> handedOver;
        /** Whether each event is stamped with its time: a clock read per event only the bench asks for. */
        private final boolean timed;

        private List<Item> items = new ArrayList<>(CHUNK);

        Gathering(BlockingQueue<Chunk> handedOver, boolean timed) {
            this.handedOver = handedOver;
            this.timed = timed;
        }

        @Override
        public void event(NormalizedEvent e) {
            add(new Event(e, timed ? System.nanoTime() : 0L));
        }

        @Override
        public void skipped(Reason reason, String detail) {
            add(new Skipped(reason, detail));
        }

        @Override
        public void rejected(Reason reason, String detail, byte[] original) {
            add(new Rejected(reason, detail, original));
        }

        private void add(Item item) {
            items.add(item);
            if (items.size() >= CHUNK) {
                try {
                    handedOver.put(new Chunk(take(), false, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the consumer stopped", e);
                }
            }
        }

        List<Item> take() {
            List<Item> full = items;
            items = new ArrayList<>(CHUNK);
            return full;
        }
    }

    private record Chunk(List<Item> items, boolean last, Throwable failure) {}

    private sealed interface Item permits Event, Skipped, Rejected {
        void deliver(ReadSink consumer, LongConsumer readAt);
    }

    private record Event(NormalizedEvent event, long readAt) implements Item {
        @Override
        public void deliver(ReadSink consumer, LongConsumer readAtNanos) {
            readAtNanos.accept(readAt);
            consumer.event(event);
        }
    }

    private record Skipped(Reason reason, String detail) implements Item {
        @Override
        public void deliver(ReadSink consumer, LongConsumer readAt) {
            consumer.skipped(reason, detail);
        }
    }

    private record Rejected(Reason reason, String detail, byte[] original) implements Item {
        @Override
        public void deliver(ReadSink consumer, LongConsumer readAt) {
            consumer.rejected(reason, detail, original);
        }
    }
}
