package io.tenantwatch.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poison corpus ({@link PoisonCorpus}: cut AKS logs, klog lines, binary garbage, invalid UTF-8,
 * a 10 MB event, 200,000-deep nesting, fields of the wrong type or missing) through each entry
 * point, each poison record between good ones: every poison record is skipped or rejected with its
 * reason and counted, every good record around it is detected, and no stack trace reaches the user.
 * (The Event Hubs bridge reads with the same InputReader as both; it is not yet wired here.)
 */
class PoisonCorpusTest {

    static final String TOKEN = "poison-token-7e2a91";

    @TempDir
    Path dir;

    @Test
    void replaySkipsOrRejectsEachPoisonRecordWithItsReasonAndDetectsTheGoodOnesAround() throws Exception {
        List<PoisonCorpus.Poison> poison = PoisonCorpus.all();
        List<String> good = PodExecEvents.ids(poison.size() + 1);
        Path file = dir.resolve("poison.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < good.size(); i++) {
                out.write(PoisonCorpus.utf8(PodExecEvents.exec(good.get(i), i)));
                out.write('\n');
                if (i < poison.size()) {
                    out.write(poison.get(i).bytes());
                    out.write('\n');
                }
            }
        }
        CommandRun run = CommandRun.of("replay", "--format", "text", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).filteredOn(l -> l.contains(" pod-exec ")).hasSize(good.size());
        String summary = run.errLines().get(0);
        assertThat(summary)
                .startsWith("replay: " + (good.size() + poison.size()) + " records read, " + good.size()
                        + " events counted");
        Map<String, Integer> byReason = new HashMap<>();
        poison.forEach(p -> byReason.merge(p.reason(), 1, Integer::sum));
        byReason.forEach((reason, n) -> assertThat(summary).as(reason).contains(reason + " " + n));
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theHttpReceiversAnswerEachPoisonBodyWithItsReasonDeadLetterItAndDetectTheGoodOnes() throws Exception {
        ServiceConfig options = ServiceConfig.builder(dir.resolve("data"))
                .allParts("poison", BearerTokens.of(TOKEN))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .build();
        List<Alert> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TenantWatchService service = new TenantWatchService(options).start(printed::add)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!service.ready() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<PoisonCorpus.Poison> poison = PoisonCorpus.all();
            List<String> good = PodExecEvents.ids(poison.size() + 1);
            Map<String, Integer> dlqExpected = new HashMap<>();
            for (int i = 0; i < good.size(); i++) {
                HttpResponse<String> ok = ReceiverRequests.post(
                        service.receiverPort(), "/v1/audit", TOKEN, PodExecEvents.eventList(good, i, i + 1));
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                if (i == poison.size()) {
                    break;
                }
                PoisonCorpus.Poison p = poison.get(i);
                HttpResponse<String> answer = ReceiverRequests.post(
                        service.receiverPort(), "/v1/audit", TOKEN, "application/json", p.bytes());
                // 400 when the body is unreadable as a whole; 200 when it was understood and an item in it
                // was skipped (by design) or rejected: either way the answer names the reason.
                if (answer.statusCode() == 200) {
                    assertThat(answer.body())
                            .as(p.name())
                            .contains("\"" + p.reason() + "\":1")
                            .contains("\"accepted\":0");
                } else {
                    assertThat(answer.statusCode())
                            .as(p.name() + ": " + answer.body())
                            .isEqualTo(400);
                    assertThat(answer.body()).as(p.name()).contains("\"error\":\"" + p.reason() + "\"");
                }
                if (!p.reason().equals("other-category")) {
                    dlqExpected.merge(p.reason(), 1, Integer::sum);
                }
                assertThat(answer.body())
                        .as(p.name())
                        .doesNotContain("Exception")
                        .doesNotContain("\tat ");
            }
            await(() -> printed.stream()
                            .filter(a -> "pod-exec".equals(a.detector()))
                            .count()
                    >= good.size());
            assertThat(printed)
                    .filteredOn(a -> "pod-exec".equals(a.detector()))
                    .flatExtracting(a -> a.evidence().auditIds())
                    .containsExactlyInAnyOrderElementsOf(good);
            assertThat(deadLetterReasons(
                            service.bootstrapServers(),
                            service.topics().dlq(),
                            dlqExpected.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum()))
                    .isEqualTo(dlqExpected);
            String metrics = ReceiverRequests.HTTP
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.metricsPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            dlqExpected.keySet().forEach(reason -> assertThat(metrics)
                    .as(reason)
                    .containsPattern(
                            "tenantwatch_ingest_records_total\\{[^}]*reason=\"" + reason + "\"[^}]*\\} [1-9]"));
        }
    }

    /** The dead letters' reason headers, counted, once {@code expected} records have arrived. */
    static Map<String, Integer> deadLetterReasons(String bootstrap, String topic, int expected)
            throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Integer> reasons = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int read = 0;
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    read++;
                    reasons.merge(
                            new String(r.headers().lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8),
                            1,
                            Integer::sum);
                }
            }
        }
        return reasons;
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
