package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generic webhook: POSTs the alert (native JSON or OCSF) signed per Standard Webhooks
 * ({@link StandardWebhooks}: {@code webhook-id} is the alert id, so a receiver deduplicates
 * without parsing), one signature per key of the secret. While {@code legacySignature} is on, the
 * headers of earlier releases ({@link WebhookSignature}) are sent too, signed with the first key.
 * The secret is read at each send, so a rotated secret file takes effect without a restart.
 */
final class WebhookSink implements Sink {

    private final String name;
    private final URI uri;
    private final Secret secret;
    private final AlertFormat format;
    private final boolean legacySignature;
    private final HttpPost http;
    private final Clock clock;

    WebhookSink(SinkConfig.Webhook config, HttpPost http, Clock clock) {
        this.name = config.name();
        this.uri = URI.create(config.url().reveal());
        this.secret = config.secret();
        this.format = config.format();
        this.legacySignature = config.legacySignature();
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void send(Alert alert) throws SinkException {
        byte[] body = format.format(alert).getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        List<byte[]> keys = WebhookKeys.parse(secret.reveal());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StandardWebhooks.ID_HEADER, alert.id());
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.sign(alert.id(), timestamp, body, keys));
        if (legacySignature) {
            headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(keys.get(0), timestamp, body));
            headers.put(WebhookSignature.ALERT_ID_HEADER, alert.id());
        }
        http.post(uri, "application/json", body, headers);
    }
}
