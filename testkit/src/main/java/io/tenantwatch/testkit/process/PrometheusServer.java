package io.tenantwatch.testkit.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantwatch.testkit.InstalledProgram;
import io.tenantwatch.testkit.net.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's package {@code prometheus}) scraping one target every second on the
 * loopback, with the namespace and pod labels a scrape in Kubernetes adds, and evaluating a rules
 * file: dashboard queries and rules are checked on real series, not on what a test thinks
 * Prometheus would do. Missing, the test is skipped (failed under {@code CI=true}).
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExternalProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(ExternalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Path executable() {
        return InstalledProgram.require("prometheus", "tenantwatch.prometheus", "prometheus");
    }

    /** Started in {@code dir} (its configuration, storage and log), ready to answer queries. */
    public static PrometheusServer start(Path dir, int targetPort, Path rulesFile)
            throws IOException, InterruptedException {
        Path binary = executable();
        int port = LoopbackPorts.free();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: tenantwatch
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                        labels: {namespace: tenantwatch, pod: tenantwatch-0}
                """.formatted(rulesFile.toAbsolutePath(), targetPort));
        ExternalProcess process = ExternalProcess.start(
                "prometheus",
                List.of(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn"),
                dir.resolve("prometheus.log"));
        PrometheusServer server = new PrometheusServer(process, port);
        try {
            process.awaitHttpOk(server.url("/-/ready"), Duration.ofSeconds(60), Duration.ofMillis(200));
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The instant query's result vector (or scalar), as Prometheus' HTTP API returns it; fails on an error. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError(
                    "query failed: " + promql + ": " + body.path("error").asText(response.body()));
        }
        return body.at("/data/result");
    }

    /** The loaded rules with their health and last evaluation error. */
    public JsonNode rules() throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/rules").body()).at("/data/groups");
    }

    /** How many scrapes of the target have succeeded so far. */
    public double scrapes() throws IOException, InterruptedException {
        JsonNode result = query("count_over_time(up{job=\"tenantwatch\"}[10m])");
        return result.isEmpty() ? 0 : result.get(0).at("/value/1").asDouble();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.close();
    }
}
