package io.tenantwatch.testkit.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Json;
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
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, which CI installs) started on a
 * free local port with its own configuration and storage, gossip off: the sink's requests are
 * judged by the program that receives them in production. A missing binary skips the test with the
 * package to install, and fails it under {@code CI=true}.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ExternalProcess process;
    private final int port;

    private AlertmanagerProcess(ExternalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Started in {@code dir} (its configuration, storage and log), ready to take alerts. */
    public static AlertmanagerProcess start(Path dir) throws IOException, InterruptedException {
        return start(dir, """
                route:
                  receiver: soc
                  group_by: [alertname, tenant]
                  group_wait: 1s
                receivers:
                  - name: soc
                """);
    }

    /** As {@link #start(Path)}, with this configuration (a route tree, receivers that notify). */
    public static AlertmanagerProcess start(Path dir, String configYaml) throws IOException, InterruptedException {
        Path binary = InstalledProgram.require(
                "prometheus-alertmanager", "tenantwatch.alertmanager", "prometheus-alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, configYaml);
        int port = LoopbackPorts.free();
        ExternalProcess process = ExternalProcess.start(
                "Alertmanager",
                List.of(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                        "--cluster.listen-address=",
                        "--web.listen-address=127.0.0.1:" + port),
                dir.resolve("alertmanager.log"));
        AlertmanagerProcess am = new AlertmanagerProcess(process, port);
        try {
            process.awaitHttpOk(am.url() + "/-/ready", Duration.ofSeconds(30), Duration.ofMillis(100));
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            am.close();
            throw e;
        }
        return am;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/v2/alerts}, optionally with a matcher filter such as {@code tenant="alpha"}. */
    public JsonNode alerts(String filter) throws IOException, InterruptedException {
        String query = filter == null ? "" : "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts" + query))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    @Override
    public void close() {
        process.close();
    }
}
