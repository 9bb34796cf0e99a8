package io.tenantwatch.schemas;

import java.nio.charset.StandardCharsets;

/**
 * Headers on {@code tw.normalized} records. Kafka Streams carries input headers through the
 * stateless detection path to {@code tw.alerts}, so the receipt time reaches the alert consumer
 * and receipt-to-alert latency can be measured without changing the event contract.
 */
public final class EventHeaders {

    /** When ingest received the event: epoch milliseconds as a decimal string. */
    public static final String RECEIVED = "tw.received";

    private EventHeaders() {}

    public static byte[] encodeMillis(long epochMillis) {
        return Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII);
    }

    /** The decoded value, or -1 when absent or malformed. */
    public static long decodeMillis(byte[] value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
