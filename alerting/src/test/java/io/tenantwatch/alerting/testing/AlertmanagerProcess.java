package io.tenantwatch.alerting.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.InstalledProgram;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, which CI installs) started on a
 * free local port with its own configuration and storage, gossip off. A missing binary skips the
 * test with the package to install, and fails it under {@code CI=true}.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private AlertmanagerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static AlertmanagerProcess start(Path dir) throws IOException {
        Path binary = InstalledProgram.require("prometheus-alertmanager", "tenantwatch.alertmanager", "prometheus-alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: soc
                  group_by: [alertname, tenant]
                  group_wait: 1s
                receivers:
                  - name: soc
                """);
        int port = freePort();
        Path log = dir.resolve("alertmanager.log");
        Process p = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--cluster.listen-address=",
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AlertmanagerProcess am = new AlertmanagerProcess(p, port, log);
        try {
            await("Alertmanager ready on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("Alertmanager exited: " + Files.readString(log));
                        }
                        return am.status("/-/ready") == 200;
                    });
        } catch (RuntimeException | AssertionError e) {
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
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
