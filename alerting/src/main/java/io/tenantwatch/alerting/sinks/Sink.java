package io.tenantwatch.alerting.sinks;

import io.tenantwatch.schemas.Alert;

/**
 * One destination of alerts, named in the routes file. {@link #send} returns only once the
 * destination has the alert (an HTTP 2xx, a Kafka acknowledgement, bytes written), so that the
 * pipeline may commit; it is called from one thread at a time. Every payload carries the alert
 * {@code id}, the receiver's idempotency key.
 */
public interface Sink extends AutoCloseable {

    String name();

    /** The sink type as the routes file spells it (metric label, messages). */
    String type();

    void send(Alert alert) throws SinkException;

    @Override
    default void close() {}
}
