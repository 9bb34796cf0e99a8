package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token rotated in the token file takes effect on a running receiver, checked over HTTP: add the
 * new token, move the senders, remove the old one. A file that becomes unusable keeps the tokens
 * in use, and is counted once.
 */
@ExtendWith(TestBroker.class)
class ReceiverTokenRotationTest {

    static final String OLD = "old-token-5d0e-41b7-9a3f";
    static final String NEW = "new-token-c2a8-4f61-8e07";
    static final String FROM_ENVIRONMENT = "env-token-93b1-4a2c-b6d4";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aTokenIsRotatedWithoutARestart() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# receiver tokens\n" + OLD + "\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReceiverConfig config = ReceiverConfig.defaults(
                        "rotation", BearerTokens.of(FROM_ENVIRONMENT).plus(BearerTokens.fromFile(file)))
                .withPort(0);
        try (KafkaEventWriter writer = new KafkaEventWriter(
                        KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
                ReceiverServer server = new ReceiverServer(config, new InputReader(), writer, registry)
                        .reloadEvery(Duration.ofMillis(50))) {
            server.start();
            assertThat(status(server, OLD)).isEqualTo(200);
            assertThat(status(server, NEW)).isEqualTo(401);

            // 1. Add the new token: both are accepted while senders move.
            Files.writeString(file, OLD + "\n" + NEW + "\n");
            awaitStatus(server, NEW, 200);
            assertThat(status(server, OLD)).isEqualTo(200);

            // 2. Remove the old one once every sender uses the new one.
            Files.writeString(file, NEW + "\n");
            awaitStatus(server, OLD, 401);
            assertThat(status(server, NEW)).isEqualTo(200);
            assertThat(status(server, FROM_ENVIRONMENT)).isEqualTo(200);
            assertThat(reloads(registry, "applied")).isEqualTo(2);

            // A file that becomes unusable (a token too short, then no token) keeps the tokens in use.
            Files.writeString(file, "short\n");
            awaitReloads(registry, 1);
            Files.writeString(file, "# nothing yet\n");
            awaitReloads(registry, 2);
            Thread.sleep(300); // several more looks at the same content: refused once, not at each look
            assertThat(reloads(registry, "rejected")).isEqualTo(2);
            assertThat(status(server, NEW)).isEqualTo(200);
            assertThat(status(server, OLD)).isEqualTo(401);
            assertThat(reloads(registry, "applied")).isEqualTo(2);
        }
    }

    private static int status(ReceiverServer server, String token) {
        return Http.post(
                        server,
                        "/v1/audit/rotation",
                        token,
                        "application/json",
                        eventList(corpusLine("falco-k8s-audit/exec_pod.json")))
                .statusCode();
    }

    private static void awaitStatus(ReceiverServer server, String token, int expected) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> status(server, token) == expected);
    }

    private static void awaitReloads(SimpleMeterRegistry registry, double rejected) {
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> reloads(registry, "rejected") == rejected);
    }

    private static double reloads(SimpleMeterRegistry registry, String outcome) {
        return registry.get(ReceiverReloader.RELOADS)
                .tag("file", "tokens")
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
