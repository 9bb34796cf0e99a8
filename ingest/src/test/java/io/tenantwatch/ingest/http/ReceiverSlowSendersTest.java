package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static io.tenantwatch.ingest.http.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Senders that start a body and never finish it (slow links, or a slowloris) outnumber the request
 * threads: each is cut off at the body deadline and counted, and a well-behaved sender is served.
 */
@ExtendWith(TestBroker.class)
class ReceiverSlowSendersTest {

    static final String TOKEN = "slow-senders-token-61d0";
    static final int THREADS = 2;
    static final int SLOW_SENDERS = 5;

    @Test
    void moreTricklingSendersThanThreadsAreCutOffAtTheDeadlineAndOthersAreServed() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaEventWriter writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000)) {
            ReceiverServer server = new ReceiverServer(
                    ReceiverConfig.defaults("slow", BearerTokens.of(TOKEN))
                            .withPort(0)
                            .withThreads(THREADS, 16)
                            .withBodyTimeout(Duration.ofSeconds(1)),
                    new InputReader(),
                    writer,
                    registry);
            server.start();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_SENDERS; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    s.setSoTimeout(15_000);
                    s.getOutputStream()
                            .write(("POST /v1/audit HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                                            + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"kind\":\"Event")
                                    .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    slow.add(s);
                }

                long start = System.nanoTime();
                int status = post(
                                server,
                                "/v1/audit/slow",
                                TOKEN,
                                null,
                                eventList(corpusLine("falco-k8s-audit/exec_pod.json")))
                        .statusCode();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(status).isEqualTo(200);
                assertThat(took)
                        .as("served once the trickling senders were cut off")
                        .isLessThan(Duration.ofSeconds(12));
                for (Socket s : slow) {
                    assertThat(closedByServer(s.getInputStream()))
                            .as("a trickling sender's connection")
                            .isTrue();
                }
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(registry.find("tenantwatch.receiver.requests")
                                        .tags("endpoint", "audit", "status", "408")
                                        .counter())
                                .isNotNull()
                                .satisfies(c -> assertThat(c.count()).isEqualTo(SLOW_SENDERS)));
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
                server.stop(Duration.ZERO);
            }
        }
    }

    /** True when the server closed the connection without an answer (end of stream or reset). */
    private static boolean closedByServer(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
