package io.tenantwatch.alerting;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.alerting.testing.Meters;
import io.tenantwatch.alerting.testing.PipelineKafka;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Delivery without loss: a sink down for a while, a restart in the middle, and what cannot be delivered. */
@ExtendWith(TestBroker.class)
class AlertPipelineOutageTest {

    private static final String KEY = "outage-test-hmac-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Routes routes(String hookUrl, int maxAttempts, int circuitFailures) throws Exception {
        return new RoutesLoader(Map.of("KEY", KEY)::get)
                .parse("routes.yaml", """
                delivery:
                  maxAttempts: %d
                  initialBackoff: 50ms
                  maxBackoff: 400ms
                  timeout: 2s
                  circuitBreaker: {failures: %d, openFor: 300ms}
                sinks:
                  hook: {type: webhook, url: "%s", secretEnv: KEY}
                routes: [{sinks: [hook]}]
                """.formatted(maxAttempts, circuitFailures, hookUrl), dir);
    }

    private static AlertPipeline start(Topics topics, Routes routes, SimpleMeterRegistry registry, String group) {
        return AlertPipeline.start(AlertPipeline.Config.of(TestBroker.bootstrapServers(), topics, routes, registry)
                .withGroupId(group));
    }

    private static List<Alert> alerts(int n, int from) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(alert(i % 2 == 0 ? "alpha" : "beta", "ns-" + i, Severity.HIGH, from + i));
        }
        return out;
    }

    @Test
    void aSinkDownForAWhileThenUpGetsEveryAlertOnce() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Receiver hook = Receiver.verifying(KEY)) {
            hook.answer(503);
            List<Alert> sent = alerts(20, 0);
            try (AlertPipeline pipeline =
                    start(topics, routes(hook.url("/in"), 1000, 3), registry, "outage-" + System.nanoTime())) {
                PipelineKafka.produce(topics, sent);
                await().atMost(WAIT)
                        .until(() -> Meters.deliveries(registry, "hook", "parked") >= 20
                                && Meters.circuit(registry, "hook", "open") == 1);
                assertThat(hook.acceptedIds()).isEmpty();

                hook.answer(200);
                await().atMost(WAIT).until(() -> new HashSet<>(hook.acceptedIds()).size() == 20);
                assertThat(hook.acceptedIds())
                        .hasSize(20)
                        .containsExactlyInAnyOrderElementsOf(
                                sent.stream().map(Alert::id).toList());
                // The receiver counts a request before its answer reaches the pipeline.
                await().atMost(WAIT).until(() -> Meters.deliveries(registry, "hook", "delivered") == 20);
                assertThat(Meters.counter(registry, "tenantwatch.alerting.retries"))
                        .isPositive();
                await().atMost(WAIT).until(() -> Meters.circuit(registry, "hook", "closed") == 1);
                assertThat(Meters.deadLetters(registry, "hook", "max-attempts")).isZero();
                assertThat(pipeline.running()).isTrue();
            }
        }
    }

    @Test
    void aRestartDuringAnOutageLosesNothingBecauseUndeliveredOffsetsAreNotCommitted() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        String group = "restart-" + System.nanoTime();
        try (Receiver hook = Receiver.verifying(KEY)) {
            hook.answer(503);
            List<Alert> sent = alerts(15, 200);
            SimpleMeterRegistry first = new SimpleMeterRegistry();
            try (AlertPipeline pipeline = start(topics, routes(hook.url("/in"), 1000, 3), first, group)) {
                PipelineKafka.produce(topics, sent);
                await().atMost(WAIT).until(() -> Meters.deliveries(first, "hook", "parked") >= 15);
            }
            // Parked (so tw.alerts is committed), but not delivered: the retry topic is not committed to its end.
            Map<Integer, Long> retryEnd = PipelineKafka.endOffsets(topics.alertsRetry(), 2);
            Map<Integer, Long> retryCommitted = PipelineKafka.committed(group, topics.alertsRetry());
            assertThat(retryEnd).isNotEmpty();
            assertThat(retryCommitted).isNotEqualTo(retryEnd);
            assertThat(hook.acceptedIds()).isEmpty();

            hook.answer(200);
            SimpleMeterRegistry second = new SimpleMeterRegistry();
            try (AlertPipeline pipeline = start(topics, routes(hook.url("/in"), 1000, 3), second, group)) {
                await().atMost(WAIT).until(() -> new HashSet<>(hook.acceptedIds()).size() == 15);
                // A delivery may be sent twice after a restart; its id lets the receiver drop the copy.
                assertThat(new HashSet<>(hook.acceptedIds()))
                        .containsExactlyInAnyOrderElementsOf(
                                sent.stream().map(Alert::id).toList());
                await().atMost(WAIT).until(() -> PipelineKafka.committed(group, topics.alertsRetry())
                        .equals(PipelineKafka.endOffsets(topics.alertsRetry(), 2)));
            }
        }
    }

    @Test
    void afterTheLastAttemptTheAlertGoesToTheDlqAndAMetricSaysSo() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Receiver hook = Receiver.verifying(KEY)) {
            hook.answer(503);
            Alert doomed = alert("alpha", "alpha-web", Severity.CRITICAL, 500);
            PipelineKafka.produce(topics, List.of(doomed));
            try (AlertPipeline pipeline =
                    start(topics, routes(hook.url("/in"), 3, 100), registry, "dlq-" + System.nanoTime())) {
                await().atMost(WAIT).until(() -> Meters.deadLetters(registry, "hook", "max-attempts") == 1);
            }
            assertThat(hook.requests()).hasSize(3);
            assertThat(Meters.deliveries(registry, "hook", "failed")).isEqualTo(3);
            assertThat(Meters.deliveries(registry, "hook", "dead-lettered")).isEqualTo(1);
            ConsumerRecord<String, byte[]> dead = onlyDeadLetter(topics);
            assertThat(dead.key()).isEqualTo(doomed.fingerprint());
            assertThat(TopicRecords.header(dead, DlqHeaders.STAGE)).isEqualTo("alerting");
            assertThat(TopicRecords.header(dead, DlqHeaders.REASON)).isEqualTo("max-attempts");
            assertThat(TopicRecords.header(dead, DlqHeaders.DETAIL)).isEqualTo("sink=hook attempts=3 last=HTTP 503");
            assertThat(TopicRecords.header(dead, DlqHeaders.SOURCE_TOPIC)).isEqualTo(topics.alertsRetry());
            assertThat(Json.readerFor(Alert.class).<Alert>readValue(dead.value()))
                    .isEqualTo(doomed);
        }
    }

    @Test
    void aPayloadTheSinkRefusesGoesToTheDlqAtOnce() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Receiver hook = Receiver.verifying(KEY)) {
            hook.answer(422);
            Alert refused = alert("alpha", "alpha-web", Severity.HIGH, 600);
            PipelineKafka.produce(topics, List.of(refused));
            try (AlertPipeline pipeline =
                    start(topics, routes(hook.url("/in"), 10, 3), registry, "reject-" + System.nanoTime())) {
                await().atMost(WAIT).until(() -> Meters.deadLetters(registry, "hook", "rejected") == 1);
            }
            assertThat(hook.requests()).hasSize(1);
            ConsumerRecord<String, byte[]> dead = onlyDeadLetter(topics);
            assertThat(TopicRecords.header(dead, DlqHeaders.REASON)).isEqualTo("rejected");
            assertThat(TopicRecords.header(dead, DlqHeaders.SOURCE_TOPIC)).isEqualTo(topics.alerts());
        }
    }

    @Test
    void recordsThatAreNoAlertGoToTheDlqWithAReasonAndDoNotStopThePipeline() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String group = "invalid-" + System.nanoTime();
        try (Receiver hook = Receiver.verifying(KEY)) {
            PipelineKafka.produceRaw(topics.alerts(), "k1", "{not json".getBytes(StandardCharsets.UTF_8));
            PipelineKafka.produceRaw(
                    topics.alerts(),
                    "k2",
                    "{\"schemaVersion\":1,\"detector\":\"pod-exec\"}".getBytes(StandardCharsets.UTF_8));
            Alert good = alert("alpha", "alpha-web", Severity.HIGH, 700);
            PipelineKafka.produce(topics, List.of(good));
            try (AlertPipeline pipeline = start(topics, routes(hook.url("/in"), 10, 3), registry, group)) {
                await().atMost(WAIT)
                        .until(() -> hook.acceptedIds().contains(good.id())
                                && Meters.deadLetters(registry, AlertingMetrics.NO_SINK, "invalid-json") == 1
                                && Meters.deadLetters(registry, AlertingMetrics.NO_SINK, "missing-field") == 1);
                await().atMost(WAIT).until(() -> PipelineKafka.committed(group, topics.alerts())
                        .equals(PipelineKafka.endOffsets(topics.alerts(), 3)));
                assertThat(pipeline.running()).isTrue();
            }
            List<ConsumerRecord<String, byte[]>> dead = TopicRecords.read(topics.dlq(), r -> true);
            assertThat(dead)
                    .extracting(r -> TopicRecords.header(r, DlqHeaders.REASON))
                    .containsExactlyInAnyOrder("invalid-json", "missing-field");
            assertThat(dead)
                    .filteredOn(r -> "k1".equals(r.key()))
                    .singleElement()
                    .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                            .isEqualTo("{not json"));
        }
    }

    private static ConsumerRecord<String, byte[]> onlyDeadLetter(Topics topics) {
        List<ConsumerRecord<String, byte[]>> dead = TopicRecords.read(topics.dlq(), r -> true);
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }
}
