package io.tenantwatch.alerting.sinks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HMAC keys of a webhook secret. The secret holds one key, or two while a key is rotated
 * (separated by white space: a second line of the file), and each is either in the Standard
 * Webhooks form {@code whsec_<base64>}, whose key is the decoded bytes, or a plain string (the
 * form of earlier releases), whose key is its UTF-8 bytes. A plain key {@code K} is the same key as
 * {@code whsec_} followed by the base64 of {@code K}, so a receiver can move to a Standard
 * Webhooks library without a new key.
 */
public final class WebhookKeys {

    /** HMAC keys shorter than this are refused: they can be guessed. */
    public static final int MIN_KEY_BYTES = 16;

    /** The current key and the next (or the previous) one; three would hide a forgotten key. */
    public static final int MAX_KEYS = 2;

    static final String PREFIX = "whsec_";

    private WebhookKeys() {}

    /**
     * @throws IllegalArgumentException saying what is wrong without showing any of the secret
     */
    public static List<byte[]> parse(String secret) {
        String[] parts = secret.strip().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        if (parts.length > MAX_KEYS) {
            throw new IllegalArgumentException(
                    "the secret holds " + parts.length + " keys; at most " + MAX_KEYS + " (the current and the next)");
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            byte[] key = key(parts[i], i + 1);
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "key " + (i + 1) + " of the secret is shorter than " + MIN_KEY_BYTES + " bytes");
            }
            keys.add(key);
        }
        return keys;
    }

    /** Whether {@link #parse} takes it (a file's new content must, or the previous one stays). */
    public static boolean usable(String secret) {
        try {
            parse(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] key(String part, int n) {
        if (!part.startsWith(PREFIX)) {
            return part.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(part.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // The decoder's message could quote a character of the key.
            throw new IllegalArgumentException(
                    "key " + n + " of the secret starts with whsec_ but the rest is not base64");
        }
    }
}
