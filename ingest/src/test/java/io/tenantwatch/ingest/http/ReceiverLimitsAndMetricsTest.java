package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static io.tenantwatch.ingest.http.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A receiver with a 64 KiB body limit and its own meter registry. */
@ExtendWith(TestBroker.class)
class ReceiverLimitsAndMetricsTest {

    static final String TOKEN = "limits-token-29ac";
    static final int LIMIT = 64 * 1024;

    static KafkaEventWriter writer;
    static SimpleMeterRegistry registry;
    static ReceiverServer server;

    @BeforeAll
    static void start() {
        writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
        registry = new SimpleMeterRegistry();
        server = new ReceiverServer(
                ReceiverConfig.defaults("limits", BearerTokens.of(TOKEN))
                        .withPort(0)
                        .withMaxBodyBytes(LIMIT),
                new InputReader(),
                writer,
                registry);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ZERO);
        writer.close();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        String head = "POST /v1/audit/big-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (16 << 20) + "\r\n\r\n";

        String status = Http.statusLineAfterPartialBody(
                server, head, "{\"kind\":\"EventList\",\"items\":[".getBytes(StandardCharsets.US_ASCII));

        assertThat(status).startsWith("HTTP/1.1 413");
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        String head = "POST /v1/audit/big-2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        byte[] chunkData = new byte[LIMIT + 4096];
        Arrays.fill(chunkData, (byte) ' ');
        byte[] chunk =
                concat((Integer.toHexString(chunkData.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), chunkData);

        // No last chunk is ever sent: only a receiver that stops at the limit can answer.
        String status = Http.statusLineAfterPartialBody(server, head, chunk);

        assertThat(status).startsWith("HTTP/1.1 413");
        assertThat(TopicRecords.normalized("big-2")).isEmpty();
    }

    @Test
    void aBodyWithinTheLimitIsAccepted() {
        assertThat(post(
                                server,
                                "/v1/audit/small-1",
                                TOKEN,
                                null,
                                eventList(corpusLine("falco-k8s-audit/exec_pod.json")))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void metersCountRecordsAndRequestsWithBoundedTags() {
        byte[] good = eventList(
                corpusLine("falco-k8s-audit/exec_pod.json"),
                corpusLine("falco-k8s-audit/create_nginx_pod_privileged.json"));
        double acceptedBefore = records("audit", "accepted", "none");
        double invalidBefore = records("falco", "rejected", "invalid-json");
        double unauthorizedBefore = requests("falco", "401");

        assertThat(post(server, "/v1/audit/metrics-1", TOKEN, null, good).statusCode())
                .isEqualTo(200);
        assertThat(post(server, "/v1/falco/metrics-1", TOKEN, null, "nope".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(server, "/v1/falco/metrics-1", "wrong", null, good).statusCode())
                .isEqualTo(401);
        assertThat(post(server, "/nowhere", TOKEN, null, good).statusCode()).isEqualTo(404);

        assertThat(records("audit", "accepted", "none") - acceptedBefore).isEqualTo(2);
        assertThat(records("falco", "rejected", "invalid-json") - invalidBefore).isEqualTo(1);
        // Request meters are taken once the exchange is closed, which is just after the client has
        // its answer: a scrape sees them a moment later, so the test waits for them as a scrape would.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(requests("falco", "401") - unauthorizedBefore).isEqualTo(1);
            assertThat(requests("other", "404")).isGreaterThanOrEqualTo(1);
            var duration = registry.find("tenantwatch.receiver.request.duration")
                    .tags("endpoint", "audit", "status", "200")
                    .timer();
            assertThat(duration).isNotNull();
            assertThat(duration.count()).isGreaterThanOrEqualTo(1);
        });
        // Every reason is registered up front, with zeros.
        assertThat(records("audit", "skipped", "not-runtime")).isZero();

        Set<String> tagKeys = registry.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream())
                .map(Tag::getKey)
                .collect(Collectors.toSet());
        // "le" is the request time's histogram bucket: one of ReceiverMetrics.BUCKETS, a fixed set.
        assertThat(tagKeys).containsOnly("source", "outcome", "reason", "endpoint", "status", "listener", "le");
        assertThat(registry.getMeters())
                .allSatisfy(m -> assertThat(m.getId().getName()).doesNotEndWith("total"));
    }

    private static double records(String source, String outcome, String reason) {
        return registry.get("tenantwatch.ingest.records")
                .tags("source", source, "outcome", outcome, "reason", reason)
                .counter()
                .count();
    }

    private static double requests(String endpoint, String status) {
        var counter = registry.find("tenantwatch.receiver.requests")
                .tags("endpoint", endpoint, "status", status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
