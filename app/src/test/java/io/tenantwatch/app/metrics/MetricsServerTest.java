package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.testkit.net.HostileConnections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The metrics port: probes that idle and half-sent connections cannot freeze (the kubelet would
 * restart a healthy pod), and /metrics behind a token when one is configured.
 */
class MetricsServerTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = "metrics-scrape-token-6d2f0b";

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAnswerAtOnceWhileIdleAndSlowHeaderConnectionsAreHeldOpen() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsServer server = MetricsServer.start(MetricsServer.Endpoint.loopback(0), registry, () -> null);
                HostileConnections hostile = new HostileConnections()) {
            hostile.idle(server.port(), "127.0.0.2", 8)
                    .slowHeaders(server.port(), "127.0.0.3", 8)
                    .slowHeaders(server.port(), "127.0.0.4", 8);

            for (String path : new String[] {"/healthz", "/readyz", "/metrics"}) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(server.port(), path, null);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as(path + " with 24 hostile connections open")
                        .isLessThan(Duration.ofSeconds(1));
            }
            assertThat(get(server.port(), "/metrics", null).body())
                    .contains("tenantwatch_http_connections_refused_total");
        }
    }

    @Test
    void metricsAskForATokenWhenOneIsConfiguredAndProbesNever() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsServer server = MetricsServer.start(
                new MetricsServer.Endpoint("127.0.0.1", 0, BearerTokens.of(TOKEN)),
                registry,
                () -> "broker not reachable")) {
            HttpResponse<String> anonymous = get(server.port(), "/metrics", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(get(server.port(), "/metrics", "not-the-metrics-token-at-all")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(get(server.port(), "/metrics", TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server.port(), "/healthz", null).statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(server.port(), "/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("not ready: broker not reachable");
        }
    }
}
