package io.tenantwatch.alerting.sinks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the Standard Webhooks specification (standardwebhooks.com, v1): the receiver gets
 * {@value #ID_HEADER}, {@value #TIMESTAMP_HEADER} (Unix seconds) and {@value #SIGNATURE_HEADER},
 * a space-separated list of {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per key,
 * so that a receiver holding either key of a rotation verifies the delivery. The specification's
 * libraries (Svix's and others, in most languages) verify these as they are.
 */
public final class StandardWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String ALGORITHM = "HmacSHA256";

    private StandardWebhooks() {}

    /** The {@value #SIGNATURE_HEADER} value: one {@code v1,…} per key, in the keys' order. */
    public static String sign(String id, long timestampSeconds, byte[] body, List<byte[]> keys) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(keys.size() * 48);
        for (byte[] key : keys) {
            Mac mac = hmac(key);
            mac.update(prefix);
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal(body)));
        }
        return out.toString();
    }

    /** An HMAC-SHA256 with this key (also the deprecated {@link WebhookSignature}'s). */
    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
