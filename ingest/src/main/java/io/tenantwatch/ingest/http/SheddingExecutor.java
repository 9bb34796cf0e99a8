package io.tenantwatch.ingest.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads: a fixed pool with a bounded queue. The JDK server closes the connection
 * when its executor refuses a request, which a sender sees as a network failure; so an overflow
 * request is handed to one small shedding thread instead, on which the handler answers 503 with
 * Retry-After without reading the body ({@link #shedding()}). Only when that one is full too is
 * the connection closed.
 */
final class SheddingExecutor implements Executor {

    private static final ThreadLocal<Boolean> SHEDDING = new ThreadLocal<>();
    private static final int SHED_QUEUE = 32;

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor shedder;

    SheddingExecutor(int threads, int queueCapacity, String name) {
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, daemons(name));
        this.shedder = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(SHED_QUEUE),
                daemons(name + "-shed"));
    }

    /** True on the shedding thread: answer 503 at once. */
    static boolean shedding() {
        return SHEDDING.get() == Boolean.TRUE;
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            workers.execute(exchange);
        } catch (RejectedExecutionException full) {
            if (workers.isShutdown()) {
                throw full;
            }
            // May throw in turn: then the JDK server closes the connection.
            shedder.execute(() -> {
                SHEDDING.set(Boolean.TRUE);
                try {
                    exchange.run();
                } finally {
                    SHEDDING.remove();
                }
            });
        }
    }

    void shutdown(Duration wait) {
        workers.shutdown();
        shedder.shutdown();
        try {
            if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
            shedder.awaitTermination(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        shedder.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
