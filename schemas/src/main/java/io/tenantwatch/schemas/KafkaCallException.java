package io.tenantwatch.schemas;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * Kafka did not take it: a write was not acknowledged, or an admin or metadata request was
 * refused or not answered in time. Callers that can wait and try again (alert delivery, Event Hubs
 * checkpoints) catch this type alone, so a bug of their own is never mistaken for an outage. The
 * message names the call and why, never a record's content; the cause is Kafka's exception when
 * there is one.
 */
public final class KafkaCallException extends RuntimeException {

    public KafkaCallException(String message) {
        super(message);
    }

    public KafkaCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Waits for a Kafka call (a producer's send, an admin client's future) for at most
     * {@code timeout}; {@code what} names the call in the message, e.g. "write to tw.dlq".
     */
    public static <T> T await(Future<T> call, Duration timeout, String what) {
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaCallException(what + ": " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw new KafkaCallException(
                    what + ": no answer from Kafka within " + timeout.toMillis() + " ms; is the cluster reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException(what + ": interrupted", e);
        } catch (KafkaException e) {
            // A producer that is closed or fenced throws at send, before any future exists.
            throw new KafkaCallException(what + ": " + describe(e), e);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
