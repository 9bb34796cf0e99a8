package io.tenantwatch.ingest.eventhubs;

import java.util.Locale;

/**
 * How a hub is read. {@link #AMQP} (the default) and {@link #AMQP_WEB_SOCKETS} (port 443, for
 * networks that block 5671) run the SDK's {@code EventProcessorClient} with checkpoints on
 * {@code tw.eventhubs.checkpoints}; {@link #KAFKA} reads the namespace's Kafka endpoint (port 9093,
 * SASL PLAIN with the connection string) and keeps its position as Kafka consumer-group offsets
 * on Event Hubs itself.
 */
public enum HubTransport {
    AMQP("amqp"),
    AMQP_WEB_SOCKETS("amqp-websockets"),
    KAFKA("kafka");

    private final String label;

    HubTransport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The transport named by {@code value}, or null. */
    public static HubTransport parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (HubTransport t : values()) {
            if (t.label.equals(v)) {
                return t;
            }
        }
        return null;
    }
}
