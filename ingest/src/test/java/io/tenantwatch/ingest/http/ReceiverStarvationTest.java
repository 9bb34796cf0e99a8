package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static io.tenantwatch.ingest.http.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.net.HostileConnections;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections that never send a request, or stop halfway through its headers, must not keep a
 * legitimate sender waiting: no request thread waits on them, one peer can hold only so many, and
 * a connection that has not delivered its first request's headers is closed after the header
 * timeout, before any token was checked.
 */
@ExtendWith(TestBroker.class)
class ReceiverStarvationTest {

    static final String TOKEN = "starvation-token-2c8e91";
    static final int THREADS = 2;

    @Test
    void idleAndSlowHeaderConnectionsDoNotDelayALegitimatePost() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaEventWriter writer = new KafkaEventWriter(
                        KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
                ReceiverServer server = new ReceiverServer(
                        ReceiverConfig.defaults("starved", BearerTokens.of(TOKEN))
                                .withPort(0)
                                .withThreads(THREADS, 0),
                        new InputReader(),
                        writer,
                        registry)) {
            server.start();
            try (HostileConnections hostile = new HostileConnections()
                    .idle(server.port(), "127.0.0.2", 16)
                    .slowHeaders(server.port(), "127.0.0.3", 16)
                    .slowHeaders(server.port(), "127.0.0.4", 16)) {
                long start = System.nanoTime();
                int status = post(
                                server,
                                "/v1/audit/starved",
                                TOKEN,
                                null,
                                eventList(corpusLine("falco-k8s-audit/exec_pod.json")))
                        .statusCode();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(status).isEqualTo(200);
                assertThat(took)
                        .as("answered at once, with 48 hostile connections open and " + THREADS + " request threads")
                        .isLessThan(Duration.ofSeconds(3));

                // One more from an address that already holds its share is closed on arrival.
                try (HostileConnections more = new HostileConnections().idle(server.port(), "127.0.0.2", 1)) {
                    assertThat(more.closedByServer(2_000)).isEqualTo(1);
                }
                assertThat(registry.get(HttpListener.REFUSED_METRIC)
                                .tags("listener", "receiver", "reason", "per-peer")
                                .counter()
                                .count())
                        .isGreaterThanOrEqualTo(1);

                // Every one that never finished its headers is closed once the header timeout has passed.
                assertThat(hostile.closedByServer(
                                (int) HttpListener.HEADER_TIMEOUT.plusSeconds(5).toMillis()))
                        .isEqualTo(hostile.sockets().size());
                assertThat(registry.get(HttpListener.REFUSED_METRIC)
                                .tags("listener", "receiver", "reason", "header-timeout")
                                .counter()
                                .count())
                        .isEqualTo(48);
            }
        }
    }
}
