package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.ingest.http.ReceiverServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tenantwatch run --token-file} on a running service: a token rotated in the file is
 * accepted, and the one it replaced refused, with no restart, at the service's own reload pace.
 */
class RunTokenRotationTest {

    static final String OLD = "run-old-token-3e8a-4c1f";
    static final String NEW = "run-new-token-9b2d-47e6";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aTokenRotatedInTheTokenFileTakesEffectWithoutARestart() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), OLD + "\n");
        RunCommand command = new RunCommand();
        new CommandLine(command)
                .parseArgs(
                        "--components",
                        "ingest",
                        "--token-file",
                        tokens.toString(),
                        "--receiver-port",
                        "0",
                        "--metrics-port",
                        "0",
                        "--data-dir",
                        dir.resolve("data").toString());
        try (TenantWatchService service =
                new TenantWatchService(command.config(new PrintWriter(new StringWriter()))).start(alert -> {})) {
            await().atMost(Duration.ofSeconds(90)).until(service::ready);
            assertThat(status(service, OLD)).isEqualTo(200);
            assertThat(status(service, NEW)).isEqualTo(401);

            Files.writeString(tokens, NEW + "\n");

            // Waits on the service's own count of reloads rather than by posting: a sender that keeps
            // posting with a refused token would meet the per-address connection limit.
            await().atMost(ReceiverServer.RELOAD_INTERVAL.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> metrics(service)
                            .contains("tenantwatch_receiver_reloads_total{file=\"tokens\",outcome=\"applied\"} 1.0"));
            assertThat(status(service, NEW)).isEqualTo(200);
            assertThat(status(service, OLD)).isEqualTo(401);
        }
    }

    private static String metrics(TenantWatchService service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.metricsPort() + "/metrics"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int status(TenantWatchService service, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.receiverPort() + "/v1/audit"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ServiceTest.eventList("exec_pod.json")))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
