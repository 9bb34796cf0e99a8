package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.SlackMessage;
import io.tenantwatch.schemas.Alert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Slack incoming webhook: one Block Kit message per alert ({@link SlackMessage}). */
final class SlackSink implements Sink {

    private final String name;
    private final URI uri;
    private final HttpPost http;

    SlackSink(SinkConfig.Slack config, HttpPost http) {
        this.name = config.name();
        this.uri = URI.create(config.url().reveal());
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Alert alert) throws SinkException {
        byte[] body = SlackMessage.of(alert).toString().getBytes(StandardCharsets.UTF_8);
        http.post(uri, "application/json; charset=utf-8", body, Map.of());
    }
}
