package io.tenantwatch.alerting.sinks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The webhook signature of earlier releases, deprecated for {@link StandardWebhooks}: {@code
 * sha256=<hex HMAC-SHA256 of timestamp + "." + body>}, with the timestamp in Unix seconds sent
 * beside it ({@value #TIMESTAMP_HEADER}). No library verifies it (GitHub's prefix over Stripe's
 * signed content), and it carries one key only. Still sent by default for one release (the first
 * key of the secret), so receivers can move; the webhook sink's {@code legacySignature: false}
 * stops it.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Tenantwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Tenantwatch-Signature";
    public static final String ALERT_ID_HEADER = "X-Tenantwatch-Alert-Id";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for this timestamp and body. */
    public static String sign(byte[] key, long timestampSeconds, byte[] body) {
        Mac mac = StandardWebhooks.hmac(key);
        mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        byte[] digest = mac.doFinal(body);
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return "sha256=" + new String(out);
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(byte[] key, String timestampHeader, byte[] body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(key, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
