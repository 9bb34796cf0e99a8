package io.tenantwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.LastEnqueuedEventProperties;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.message.Message;

/**
 * Events as a processor receives them. Event Hubs itself cannot run here, so the AMQP message the
 * service would deliver (body plus the service's annotations: sequence number, offset, enqueued
 * time) is built with proton-j and decoded by the SDK's own message serializer, exactly as the
 * SDK's receive link does: the resulting {@link EventData} carries real system properties, which
 * the public constructors cannot give.
 */
public final class ReceivedEvents {

    private static final Object SERIALIZER;
    private static final Method DESERIALIZE;

    static {
        try {
            Class<?> type = Class.forName("com.azure.messaging.eventhubs.EventHubMessageSerializer");
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            SERIALIZER = constructor.newInstance();
            DESERIALIZE = type.getMethod("deserialize", Message.class, Class.class);
            DESERIALIZE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ReceivedEvents() {}

    /** An event received from a partition at {@code sequence}, with the offset Event Hubs would give. */
    public static EventData event(byte[] body, long sequence, Instant enqueued) {
        Message message = Proton.message();
        message.setBody(new Data(new Binary(body)));
        message.setMessageAnnotations(new MessageAnnotations(Map.of(
                Symbol.getSymbol("x-opt-sequence-number"), sequence,
                Symbol.getSymbol("x-opt-offset"), Long.toString(offsetOf(sequence)),
                Symbol.getSymbol("x-opt-enqueued-time"), Date.from(enqueued))));
        try {
            return (EventData) DESERIALIZE.invoke(SERIALIZER, message, EventData.class);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot decode a received message with the SDK", e);
        }
    }

    /** Offsets are byte positions in the partition; any increasing function of the sequence number will do. */
    public static long offsetOf(long sequence) {
        return sequence * 4096;
    }

    /** What the service reports about the partition's end with {@code trackLastEnqueuedEventProperties}. */
    public static LastEnqueuedEventProperties lastEnqueued(long sequence, Instant enqueued) {
        return new LastEnqueuedEventProperties(sequence, Long.toString(offsetOf(sequence)), enqueued, Instant.now());
    }
}
