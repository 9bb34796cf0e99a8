package io.tenantwatch.alerting.sinks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=<hex HMAC-SHA256 of timestamp + "." + body>}, with the
 * timestamp in Unix seconds sent beside it ({@value #TIMESTAMP_HEADER}), so that a receiver can
 * check both who sent the body and that it is fresh (reject old timestamps to stop replays).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Tenantwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Tenantwatch-Signature";
    public static final String ALERT_ID_HEADER = "X-Tenantwatch-Alert-Id";
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WebhookSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for this timestamp and body. */
    public static String sign(byte[] key, long timestampSeconds, byte[] body) {
        Mac mac = mac(key);
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

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
