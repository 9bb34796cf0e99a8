package io.tenantwatch.alerting.sinks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One POST of a payload for the HTTP sinks, with the outcome classified for delivery: 2xx is
 * delivered; 408, 425, 429 and 5xx are transient (with the receiver's {@code Retry-After} when it
 * gives one in seconds); any other status is a rejection of this payload (a 401 or 403 too: a
 * wrong credential does not get better by sending again); connection failures, TLS handshake
 * failures (an untrusted certificate) and timeouts are transient. Messages name status codes and
 * exception types only, never the URL, a header or the response body.
 *
 * <p>One per sink: the sink's {@link HttpSettings} headers and credentials go on every request,
 * and its client trusts the sink's CAs.
 */
final class HttpPost {

    private static final String USER_AGENT = "tenantwatch";

    private final HttpClient client;
    private final Duration timeout;
    private final HttpSettings settings;

    HttpPost(HttpClient client, Duration timeout, HttpSettings settings) {
        this.client = client;
        this.timeout = timeout;
        this.settings = settings;
    }

    /**
     * @param headers the sink's own (signatures, ids), after the configured ones
     * @return the response body (small for every receiver we talk to)
     */
    String post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws SinkException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.requestHeaders().forEach(request::header);
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw SinkException.retryable("timeout after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw SinkException.retryable("connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.retryable("interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String reason = "HTTP " + status;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw transientFailure(
                    reason, response.headers().firstValue("Retry-After").orElse(null));
        }
        throw SinkException.rejected(reason);
    }

    /** Retry-After in seconds is honoured (capped at an hour); the HTTP-date form is ignored. */
    private static SinkException transientFailure(String reason, String retryAfter) {
        if (retryAfter != null) {
            try {
                long seconds = Long.parseLong(retryAfter.trim());
                if (seconds > 0) {
                    return SinkException.retryAfter(reason, Duration.ofSeconds(Math.min(seconds, 3600)));
                }
            } catch (NumberFormatException e) {
                // an HTTP date: fall back to our own backoff
            }
        }
        return SinkException.retryable(reason);
    }
}
