package io.tenantwatch.alerting.sinks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an HTTP sink (Alertmanager, webhook, Slack) adds to each request so that a receiver behind
 * authentication takes it: extra headers (a tenant header such as Mimir's {@code X-Scope-OrgID},
 * an API key), a bearer token or basic auth, and the CAs to trust for https. Secret parts are
 * {@link Secret}s, read at each request so that a rotated file is used without a restart.
 *
 * @param headers     header name → value, in the order given
 * @param bearerToken {@code Authorization: Bearer …}, or null
 * @param basicAuth   {@code Authorization: Basic …}, or null (never both with a bearer token)
 * @param caFile      PEM file of CA certificates to trust for https, or null for the JVM's
 * @param systemCAs   with a {@code caFile}, also trust the JVM's CAs
 */
public record HttpSettings(
        Map<String, HeaderValue> headers, Secret bearerToken, BasicAuth basicAuth, Path caFile, boolean systemCAs) {

    /** No extra header, no credential, the JVM's CAs. */
    public static final HttpSettings NONE = new HttpSettings(Map.of(), null, null, null, true);

    public HttpSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (bearerToken != null && basicAuth != null) {
            throw new IllegalArgumentException("a bearer token and basic auth exclude each other");
        }
    }

    /** One extra header: plain {@code text}, or {@code prefix} (may be empty) followed by a secret. */
    public record HeaderValue(String text, String prefix, Secret secret) {

        public static HeaderValue plain(String text) {
            return new HeaderValue(text, null, null);
        }

        public static HeaderValue secret(String prefix, Secret secret) {
            return new HeaderValue(null, prefix == null ? "" : prefix, secret);
        }

        String current() {
            return secret == null ? text : prefix + secret.reveal();
        }
    }

    /** HTTP basic authentication; the user name is no secret, the password is. */
    public record BasicAuth(String username, Secret password) {}

    /** The headers of one request, secrets as they are now. */
    Map<String, String> requestHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, value.current()));
        if (bearerToken != null) {
            out.put("Authorization", "Bearer " + bearerToken.reveal());
        } else if (basicAuth != null) {
            String pair = basicAuth.username() + ":" + basicAuth.password().reveal();
            out.put(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Override
    public String toString() {
        // Names only: a plain header value may still be something an operator would rather not see in a log.
        return "HttpSettings[headers=" + headers.keySet() + ", bearerToken=" + (bearerToken != null) + ", basicAuth="
                + (basicAuth != null) + ", caFile=" + caFile + ", systemCAs=" + systemCAs + "]";
    }
}
