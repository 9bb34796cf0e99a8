package io.tenantwatch.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.kafka.EmbeddedKafka;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.PodExecEvents;
import io.tenantwatch.testkit.net.LoopbackPorts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker stops and comes back while events flow: the receivers hold or refuse (503 with
 * Retry-After, which the API server's webhook retries) what they cannot write while it is away,
 * the detection topology and the alert consumer carry on when it is back, and every event sent is
 * detected exactly once.
 */
class BrokerRestartTest {

    static final String TOKEN = "broker-restart-token-2d8e";
    static final int BATCHES = 30;
    static final int PER_BATCH = 5;

    @TempDir
    Path dir;

    @Test
    void nothingIsLostWhenTheBrokerRestartsWhileEventsFlow() throws Exception {
        int brokerPort = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        EmbeddedKafka.Builder broker = EmbeddedKafka.builder(dir.resolve("kafka"))
                .brokerPort(brokerPort)
                .controllerPort(controllerPort);
        EmbeddedKafka kafka = broker.start();
        List<String> ids = PodExecEvents.ids(BATCHES * PER_BATCH);
        ServiceConfig options = ServiceConfig.builder(dir.resolve("data"))
                .allParts("default", BearerTokens.of(TOKEN))
                .kafka(KafkaConnection.plain(kafka.bootstrapServers()))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .build();
        AtomicInteger sent = new AtomicInteger();
        try (TenantWatchService service = new TenantWatchService(options).start(alert -> {})) {
            PoisonCorpusTest.await(service::ready);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(service.receiverPort(), ids, sent));
            PoisonCorpusTest.await(() -> sent.get() >= BATCHES / 3);
            kafka.close();
            int sentBeforeStop = sent.get();
            Thread.sleep(2_000);
            kafka = broker.start();
            sender.get(4, TimeUnit.MINUTES);
            assertThat(sentBeforeStop)
                    .as("batches accepted before the broker stopped")
                    .isLessThan(BATCHES);

            List<Alert> alerts = AlertsTopic.readUntil(
                    kafka.bootstrapServers(),
                    service.topics().alerts(),
                    read -> AlertsTopic.podExecs(read) >= ids.size(),
                    Duration.ofMinutes(3));
            assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
            assertThat(alerts)
                    .filteredOn(a -> "pod-exec".equals(a.detector()))
                    .flatExtracting(a -> a.evidence().auditIds())
                    .containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            kafka.close();
        }
    }

    /** Posts the batches one after another, each until it gets a 200, as the API server's webhook does. */
    static void send(int port, List<String> ids, AtomicInteger sent) {
        try {
            for (int b = 0; b < BATCHES; b++) {
                String body = PodExecEvents.eventList(ids, b * PER_BATCH, (b + 1) * PER_BATCH);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (true) {
                    int status;
                    try {
                        HttpResponse<String> r = ReceiverRequests.post(port, "/v1/audit", TOKEN, body);
                        status = r.statusCode();
                        if (status == 503) {
                            assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        }
                    } catch (IOException e) {
                        status = -1;
                    }
                    if (status == 200) {
                        break;
                    }
                    assertThat(status)
                            .as("only 503 (or a dropped connection) while the broker is away")
                            .isIn(503, -1);
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("batch " + b + " was not accepted within 3 minutes");
                    }
                    Thread.sleep(500);
                }
                sent.incrementAndGet();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
