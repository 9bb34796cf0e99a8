package io.tenantwatch.app.service;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a part (or the service) has started, closed in reverse order: a failure half-way through a
 * start closes what came before it, and closing goes on past a failure, since a half-closed
 * service is worse than a noisy shutdown.
 */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    <T extends AutoCloseable> T push(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("tenantwatch: while shutting down: " + e);
            }
        }
    }
}
