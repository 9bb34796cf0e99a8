package io.tenantwatch.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The deterministic alert {@code id} and {@code fingerprint} of docs/formats.md: hex SHA-256, first 32
 * characters, of the inputs' UTF-8 strings joined with U+001F, a null as the empty string.
 */
public final class AlertKeys {

    private static final char SEPARATOR = '\u001F';
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int HEX_CHARS = 32;

    private AlertKeys() {}

    public static String hash(String... parts) {
        StringBuilder joined = new StringBuilder(128);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            if (parts[i] != null) {
                joined.append(parts[i]);
            }
        }
        byte[] digest = sha256().digest(joined.toString().getBytes(StandardCharsets.UTF_8));
        char[] out = new char[HEX_CHARS];
        for (int i = 0; i < HEX_CHARS / 2; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    /** Alert id: detector, cluster and the evidence key (auditID, Falco uuid or hash, actor + window start…). */
    public static String alertId(String detector, String cluster, String evidenceKey) {
        return hash(detector, cluster, evidenceKey);
    }

    /**
     * Alert id of an alert about one event: its id (auditID, Falco uuid or hash) and its time
     * (ISO-8601 as {@link Instant#toString()} writes it). The time is an input because a client
     * may choose a request's auditID (the API server takes it from the {@code Audit-ID} header):
     * two requests sharing one would otherwise share their alerts' ids, and a receiver that
     * deduplicates on the id would drop the second.
     */
    public static String eventAlertId(String detector, String cluster, String eventId, Instant time) {
        return hash(detector, cluster, eventId, time == null ? null : time.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
