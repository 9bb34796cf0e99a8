package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ConfigMap key names, and those whose key or value looks like a credential (docs/detectors.md
 * configmap-credentials). Values are scanned here and never leave this class.
 */
final class ConfigMapFacts {

    /** Compiled once; case-insensitive, as the detector catalogue specifies. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "aws[-_.]?(s3[-_.]?)?(secret[-_.]?)?access[-_.]?key"
                    + "|password|passphrase|client[-_.]?secret|AccountKey="
                    + "|-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----",
            Pattern.CASE_INSENSITIVE);

    private ConfigMapFacts() {}

    static ConfigMap of(JsonNode configMap) {
        List<String> keys = new ArrayList<>();
        List<String> credentialKeys = new ArrayList<>(0);
        scan(configMap.path("data"), false, keys, credentialKeys);
        scan(configMap.path("binaryData"), true, keys, credentialKeys);
        return new ConfigMap(keys, credentialKeys);
    }

    static boolean looksLikeCredential(String text) {
        return CREDENTIAL.matcher(text).find();
    }

    private static void scan(JsonNode entries, boolean base64, List<String> keys, List<String> credentialKeys) {
        for (Map.Entry<String, JsonNode> e : entries.properties()) {
            keys.add(e.getKey());
            String value = Nodes.text(e.getValue());
            if (looksLikeCredential(e.getKey())
                    || (value != null && looksLikeCredential(base64 ? decode(value) : value))) {
                credentialKeys.add(e.getKey());
            }
        }
    }

    /** binaryData holds base64; a PEM key file in it is still a private key. ISO-8859-1 keeps bytes 1:1. */
    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
