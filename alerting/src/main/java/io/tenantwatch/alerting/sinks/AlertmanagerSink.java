package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Alertmanager API v2: {@code POST <url>/api/v2/alerts} with a one-element array
 * ({@link AlertmanagerPayload}). Alertmanager then groups, silences, inhibits and notifies with
 * its own receivers; tenant routing there can use the {@code tenant} label.
 */
final class AlertmanagerSink implements Sink {

    private final SinkConfig.Alertmanager config;
    private final URI uri;
    private final HttpPost http;
    private final Clock clock;

    AlertmanagerSink(SinkConfig.Alertmanager config, HttpPost http, Clock clock) {
        this.config = config;
        String base = config.url().reveal();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.uri = URI.create(base + "/api/v2/alerts");
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public void send(Alert alert) throws SinkException {
        var array =
                Json.mapper().createArrayNode().add(AlertmanagerPayload.of(alert, clock.instant(), config.payload()));
        http.post(uri, "application/json", array.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
