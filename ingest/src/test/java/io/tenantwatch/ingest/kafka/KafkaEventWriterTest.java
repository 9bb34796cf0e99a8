package io.tenantwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import io.tenantwatch.testkit.net.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestBroker.class)
class KafkaEventWriterTest {

    private static List<NormalizedEvent> corpusEvents(String cluster, String... files) {
        CollectingSink sink = new CollectingSink();
        InputReader reader = new InputReader();
        for (String f : files) {
            reader.read(Corpus.bytes(f), SourceBinding.service(cluster, null), sink);
        }
        return sink.events;
    }

    @Test
    void eventsAreKeyedByClusterAndNamespaceAndDeadLettersCarryTheirReason() throws Exception {
        List<NormalizedEvent> events = corpusEvents(
                "writer-1",
                "falco-k8s-audit/exec_pod.json",
                "falco-alerts/falco_test_single_rule_with_cat_write.jsonl");
        byte[] original = "{\"kind\":\"Event\",\"verb\":\"get\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter dead = new DeadLetter(
                "writer-1", DeadLetter.STAGE_RECEIVER, Reason.MISSING_FIELD, "audit Event without auditID", original);

        try (KafkaEventWriter writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 100)) {
            writer.write(events, List.of(dead)).get(10, TimeUnit.SECONDS);
            assertThat(writer.inFlight()).isZero();
        }

        List<ConsumerRecord<String, byte[]>> written = TopicRecords.normalized("writer-1");
        assertThat(written).hasSize(events.size());
        assertThat(written).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(TopicRecords.event(r).partitionKey()));
        assertThat(written).extracting(ConsumerRecord::key).contains("writer-1/default", "writer-1/");
        assertThat(written)
                .extracting(r -> TopicRecords.event(r).id())
                .containsExactlyInAnyOrderElementsOf(
                        events.stream().map(NormalizedEvent::id).toList());

        List<ConsumerRecord<String, byte[]>> dlq = TopicRecords.deadLetters("writer-1");
        assertThat(dlq).hasSize(1);
        ConsumerRecord<String, byte[]> d = dlq.get(0);
        assertThat(d.value()).isEqualTo(original);
        assertThat(TopicRecords.header(d, DlqHeaders.STAGE)).isEqualTo("receiver");
        assertThat(TopicRecords.header(d, DlqHeaders.REASON)).isEqualTo("missing-field");
        assertThat(TopicRecords.header(d, DlqHeaders.DETAIL)).isEqualTo("audit Event without auditID");
    }

    @Test
    void aDeadLetterTooBigForKafkaIsCutAndSaysSo() throws Exception {
        byte[] big = new byte[KafkaEventWriter.MAX_DEAD_LETTER_BYTES + 200_000];
        Arrays.fill(big, (byte) 'x');
        DeadLetter dead = new DeadLetter("writer-2", DeadLetter.STAGE_RECEIVER, Reason.OVERSIZE, "record too big", big);

        try (KafkaEventWriter writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 100)) {
            writer.write(List.of(), List.of(dead)).get(10, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, byte[]> d = TopicRecords.deadLetters("writer-2").get(0);
        assertThat(d.value()).hasSize(KafkaEventWriter.MAX_DEAD_LETTER_BYTES);
        assertThat(TopicRecords.header(d, DlqHeaders.DETAIL)).startsWith("record too big; original cut to");
    }

    @Test
    void withoutABrokerTheFutureFailsWithinMaxBlockAndAFullWriterFailsAtOnce() throws Exception {
        List<NormalizedEvent> events = corpusEvents("writer-3", "falco-k8s-audit/exec_pod.json");
        Properties p = KafkaEventWriter.producerProperties("127.0.0.1:" + LoopbackPorts.free());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");

        try (KafkaEventWriter writer = new KafkaEventWriter(p, Topics.defaults(), 1)) {
            long start = System.nanoTime();
            CompletableFuture<Void> first = CompletableFuture.supplyAsync(() -> writer.write(events, List.of()))
                    .thenCompose(f -> f);
            while (writer.inFlight() == 0 && !first.isDone()) {
                Thread.sleep(5);
            }
            CompletableFuture<Void> second = writer.write(events, List.of());

            assertThatThrownBy(() -> second.getNow(null)).hasCauseInstanceOf(WriterBusyException.class);
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(writer.inFlight()).isZero();
            assertThat(writer.write(List.of(), List.of())).isCompleted();
        }
    }

    @Test
    void skipsAreNeverDeadLettered() {
        assertThatThrownBy(() -> new DeadLetter("c", DeadLetter.STAGE_RECEIVER, Reason.STAGE, "stage", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
