package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Generic webhook: POSTs the alert (native JSON or OCSF) signed with HMAC-SHA256 over
 * {@code timestamp + "." + body} ({@link WebhookSignature}); the alert id also travels as
 * {@value WebhookSignature#ALERT_ID_HEADER} so a receiver can deduplicate without parsing.
 */
final class WebhookSink implements Sink {

    private final String name;
    private final URI uri;
    private final byte[] key;
    private final AlertFormat format;
    private final HttpPost http;
    private final Clock clock;

    WebhookSink(SinkConfig.Webhook config, HttpPost http, Clock clock) {
        this.name = config.name();
        this.uri = URI.create(config.url().reveal());
        this.key = config.hmacKey().reveal().getBytes(StandardCharsets.UTF_8);
        this.format = config.format();
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
        http.post(
                uri,
                "application/json",
                body,
                Map.of(
                        WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                        WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, timestamp, body),
                        WebhookSignature.ALERT_ID_HEADER, alert.id()));
    }
}
