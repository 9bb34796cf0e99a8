package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static io.tenantwatch.ingest.http.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.net.LoopbackPorts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * When Kafka or the request threads cannot keep up, the receiver answers 503 with Retry-After
 * quickly, and keeps answering. The writer points at a port where no broker listens: the real
 * producer then fails the way it does when a cluster is down.
 */
class ReceiverBackpressureTest {

    static final String TOKEN = "pressure-token-8d1e";
    static final byte[] BODY = eventList(corpusLine("falco-k8s-audit/exec_pod.json"));

    @Test
    void kafkaDownIsA503WithRetryAfterAndTheReceiverStaysResponsive() throws Exception {
        try (KafkaEventWriter writer = writerWithoutBroker(100, 500);
                ReceiverServer server = server(writer, 4, 16)) {
            long start = System.nanoTime();
            HttpResponse<String> r = post(server, "/v1/audit/down-1", TOKEN, null, BODY);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(Json.mapper().readTree(r.body()).get("error").asText()).isEqualTo("unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            assertThat(post(server, "/v1/audit/down-1", TOKEN, null, BODY).statusCode())
                    .isEqualTo(503);
            assertThat(Http.send(
                                    Http.CLIENT,
                                    Http.request(server, "/v1/audit", TOKEN)
                                            .GET()
                                            .build())
                            .statusCode())
                    .isEqualTo(405);
            assertThat(writer.inFlight()).isZero();
        }
    }

    @Test
    void aFullWriterIsA503AtOnce() {
        // The first request holds the only permit for max.block (2.5 s); the second must not wait for it.
        try (KafkaEventWriter writer = writerWithoutBroker(1, 2500);
                ReceiverServer server = server(writer, 4, 16)) {
            CompletableFuture<HttpResponse<String>> first = sendAsync(server);
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.inFlight() == 1);

            long start = System.nanoTime();
            HttpResponse<String> second = post(server, "/v1/audit/full-1", TOKEN, null, BODY);

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("busy");
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(first.join().statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aFullRequestQueueIsA503NotAClosedConnection() {
        try (KafkaEventWriter writer = writerWithoutBroker(100, 1500);
                ReceiverServer server = server(writer, 1, 0)) {
            CompletableFuture<HttpResponse<String>> first = sendAsync(server);
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.inFlight() == 1);

            HttpResponse<String> second = post(server, "/v1/audit/queue-1", TOKEN, null, BODY);

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("capacity");
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(first.join().statusCode()).isEqualTo(503);
            assertThat(Http.send(
                                    Http.CLIENT,
                                    Http.request(server, "/v1/audit", TOKEN)
                                            .GET()
                                            .build())
                            .statusCode())
                    .isEqualTo(405);
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(ReceiverServer server) {
        HttpRequest request = Http.request(server, "/v1/audit/first", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build();
        return Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ReceiverServer server(KafkaEventWriter writer, int threads, int queue) {
        ReceiverServer server = new ReceiverServer(
                ReceiverConfig.defaults("pressure", BearerTokens.of(TOKEN))
                        .withPort(0)
                        .withThreads(threads, queue),
                new InputReader(),
                writer,
                new SimpleMeterRegistry());
        server.start();
        return server;
    }

    static KafkaEventWriter writerWithoutBroker(int maxInFlight, int maxBlockMs) {
        Properties p = KafkaEventWriter.producerProperties("127.0.0.1:" + LoopbackPorts.free());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
        return new KafkaEventWriter(p, Topics.defaults(), maxInFlight);
    }
}
