package io.tenantwatch.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receivers under abuse, on the running service: requests without a token or with a wrong
 * one, oversize bodies (declared or chunked), malformed bodies, wrong methods, paths and media
 * types each get their status code; senders that trickle their bodies do not stop others from
 * being served; and after all of it a good request is accepted and detected.
 */
class HttpAbuseTest {

    static final String TOKEN = "abuse-token-93c1d7";
    static final int SLOW = Integer.getInteger("slow", 6);

    @TempDir
    static Path dir;

    static TenantWatchService service;
    static final List<Alert> printed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException {
        ServiceConfig options = ServiceConfig.builder(dir.resolve("data"))
                .allParts("default", BearerTokens.of(TOKEN))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .build();
        service = new TenantWatchService(options).start(printed::add);
        PoisonCorpusTest.await(service::ready);
        assertThat(service.ready()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static int port() {
        return service.receiverPort();
    }

    static String body() {
        return PodExecEvents.eventList(PodExecEvents.ids(1), 0, 1);
    }

    @Test
    void withoutAValidBearerTokenNothingIsRead() throws Exception {
        assertThat(ReceiverRequests.post(port(), "/v1/audit", null, body()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong = ReceiverRequests.post(port(), "/v1/audit", "abuse-token-93c1d8", body());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(wrong.body()).doesNotContain("abuse-token");
        HttpResponse<String> basic = ReceiverRequests.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/audit"))
                        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                        .POST(HttpRequest.BodyPublishers.ofString(body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void oversizeBodiesAreRefusedWhetherDeclaredOrChunked() throws Exception {
        assertThat(statusOf(
                        ("POST /v1/audit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Length: "
                                        + (17L << 20) + "\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII),
                        0,
                        0))
                .isEqualTo(413);
        // Chunked: no length to check up front; refused once 16 MiB have been read.
        byte[] head = ("POST /v1/audit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(statusOf(head, 1 << 20, 17)).isEqualTo(413);
    }

    @Test
    void malformedRequestsGetTheirStatusCodes() throws Exception {
        HttpResponse<String> garbage =
                ReceiverRequests.post(port(), "/v1/audit", TOKEN, "<?xml version=\"1.0\"?><Event/>");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"error\":\"invalid-json\"");
        // A body cut short is rejected as such (and dead-lettered); the answer counts and names it.
        for (String cut : List.of("{\"kind\":\"Eve", "{\"kind\":\"EventList\",\"items\":[{")) {
            HttpResponse<String> answer = ReceiverRequests.post(port(), "/v1/audit", TOKEN, cut);
            assertThat(answer.statusCode()).as(cut).isIn(200, 400);
            assertThat(answer.body())
                    .as(cut)
                    .contains("\"accepted\":0")
                    .contains("\"rejected\":1")
                    .contains("truncated");
        }
        assertThat(ReceiverRequests.post(port(), "/v1/audit", TOKEN, "").statusCode())
                .isEqualTo(400);
        assertThat(ReceiverRequests.post(
                                port(), "/v1/audit", TOKEN, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(415);
        assertThat(ReceiverRequests.post(port(), "/v1/audit/bad%20cluster", TOKEN, body())
                        .statusCode())
                .isEqualTo(400);
        assertThat(ReceiverRequests.post(port(), "/v2/events", TOKEN, body()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> get = ReceiverRequests.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/audit"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> gzip = ReceiverRequests.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/audit"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofString(body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gzip.statusCode()).isEqualTo(415);
    }

    @Test
    void sendersThatTrickleTheirBodiesDoNotStopOthersAndAfterAllTheAbuseAGoodRequestIsDetected() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket s = new Socket("127.0.0.1", port());
                s.getOutputStream()
                        .write(("POST /v1/audit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"kind\":\"Event")
                                .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            List<String> ids = PodExecEvents.ids(1);
            long start = System.nanoTime();
            HttpResponse<String> good =
                    ReceiverRequests.post(port(), "/v1/audit", TOKEN, PodExecEvents.eventList(ids, 0, 1));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
            assertThat(tookMs)
                    .as("a good request while " + SLOW + " senders trickle")
                    .isLessThan(10_000);
            PoisonCorpusTest.await(
                    () -> printed.stream().anyMatch(a -> a.evidence().auditIds().contains(ids.get(0))));
            assertThat(printed).anyMatch(a -> a.evidence().auditIds().contains(ids.get(0)));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        String metrics = ReceiverRequests.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics).containsPattern("tenantwatch_receiver_requests_total\\{[^}]*status=\"200\"[^}]*\\} [1-9]");
    }

    /**
     * Sends {@code head}, then {@code chunks} chunks of {@code chunkSize} bytes (chunked encoding; none
     * when zero), and returns the status code of the answer.
     */
    static int statusOf(byte[] head, int chunkSize, int chunks) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            byte[] chunk = new byte[chunkSize];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < chunks; i++) {
                    out.write((Integer.toHexString(chunkSize) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // the receiver answered and closed before the whole body was sent, as it should
            }
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
