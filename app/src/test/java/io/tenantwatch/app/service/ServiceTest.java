package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.events.AuditEventLists;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenantwatch run} as a whole, on the real embedded broker with real HTTP: an EventList
 * POSTed to the audit receiver comes out as alerts on tw.alerts and on stdout, and the counters
 * move on /metrics; bad requests get their status codes.
 */
class ServiceTest {

    static final String TOKEN = "test-token-0b7f1c2e";
    static final String ROTATED_TOKEN = "test-token-next-5a6c7d8e";

    @TempDir
    static Path dataDir;

    static TenantWatchService service;
    static final List<Alert> printed = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    /** Every part on the embedded broker, receivers for cluster "default" taking both tokens, two partitions. */
    static ServiceConfig.Builder config(Path dir) {
        return ServiceConfig.builder(dir)
                .allParts("default", BearerTokens.of(TOKEN, ROTATED_TOKEN))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1));
    }

    static ServiceConfig options(Path dir) {
        return config(dir).build();
    }

    @BeforeAll
    static void start() {
        service = new TenantWatchService(options(dataDir)).start(printed::add);
        await().atMost(Duration.ofSeconds(60)).until(service::ready);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static String eventList(String... corpusFiles) throws IOException {
        List<String> items = new ArrayList<>();
        for (String file : corpusFiles) {
            for (String line : Files.readAllLines(Corpus.file("falco-k8s-audit/" + file))) {
                if (!line.isBlank()) {
                    items.add(line.strip());
                }
            }
        }
        return AuditEventLists.of(items);
    }

    static HttpResponse<String> post(int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String metrics(int port) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void anEventListPostedToTheReceiverBecomesAlertsAndMetrics() throws Exception {
        HttpResponse<String> response = post(
                service.receiverPort(),
                "/v1/audit/aks-prod",
                TOKEN,
                eventList("exec_pod.json", "create_nginx_pod_privileged.json", "create_configmap.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(printed)
                .filteredOn(a -> "aks-prod".equals(a.cluster()))
                .extracting(Alert::detector)
                .contains("pod-exec", "privileged-container"));
        Alert exec = printed.stream()
                .filter(a -> "pod-exec".equals(a.detector()))
                .findFirst()
                .orElseThrow();
        assertThat(exec.evidence().auditIds()).containsExactly("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6");
        assertThat(ContractSchemas.ALERT.problems(exec)).isEmpty();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics(service.metricsPort()))
                .contains(
                        "tenantwatch_alerts_total{cluster=\"aks-prod\",detector=\"pod-exec\",severity=\"medium\"} 1.0")
                .contains("tenantwatch_ingest_records_total")
                .contains("tenantwatch_detection_latency_seconds_count{from=\"receipt\"}")
                .contains("kafka_stream"));
    }

    @Test
    void bothRotatedTokensAreAcceptedAndAWrongOneIsNot() throws Exception {
        String body = eventList("create_configmap.json");
        assertThat(post(service.receiverPort(), "/v1/audit", ROTATED_TOKEN, body)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(service.receiverPort(), "/v1/audit", "wrong", body).statusCode())
                .isEqualTo(401);
        assertThat(post(service.receiverPort(), "/v1/audit", null, body).statusCode())
                .isEqualTo(401);
    }

    @Test
    void malformedAndOversizeBodiesAreRefused() throws Exception {
        assertThat(post(service.receiverPort(), "/v1/audit", TOKEN, "this is not json")
                        .statusCode())
                .isEqualTo(400);
        assertThat(statusOfOversizeRequest(service.receiverPort(), 17L << 20)).isEqualTo(413);
    }

    /**
     * Announces a body over the 16 MiB default and sends only its start: the receiver must answer
     * 413 from Content-Length, without reading the rest (an HTTP client would fail on the closed pipe).
     */
    static int statusOfOversizeRequest(int port, long contentLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/falco HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void healthAndReadinessAreServed() throws Exception {
        HttpResponse<String> ready = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + "/readyz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> healthy = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + "/healthz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(healthy.statusCode()).isEqualTo(200);
    }
}
