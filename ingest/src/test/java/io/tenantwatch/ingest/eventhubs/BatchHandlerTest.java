package io.tenantwatch.ingest.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.Checkpoint;
import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processor's batch handler driven with the SDK's own types (EventBatchContext,
 * PartitionContext, received EventData) against the real broker and the real checkpoint store.
 */
@ExtendWith(TestBroker.class)
class BatchHandlerTest {

    static final String AKS_ID = "/SUBSCRIPTIONS/BFC31CC5-D3BD-4B36-A40E-D13688D546EC/RESOURCEGROUPS/KUBEAUDITLOGTEST"
            + "/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/KUBETEST";
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    /** An audit hub whose AKS cluster maps to a name of this test's own, so that its records are apart in tw.normalized. */
    static HubBinding auditHub(String cluster) {
        return new HubBinding(
                        HubKind.AUDIT,
                        HubFixture.NAMESPACE,
                        "aks-audit",
                        HubFixture.GROUP,
                        "fallback-" + cluster,
                        Map.of(AKS_ID.toLowerCase(), cluster),
                        HubCredential.azureIdentity(),
                        HubTransport.AMQP)
                .validate("test");
    }

    private static String cluster() {
        return "eh-batch-" + CLUSTERS.incrementAndGet();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An envelope with a klog record of another category and an audit record cut at AKS's 16 KiB limit. */
    private static byte[] faultyEnvelope() throws Exception {
        String klog = "I0109 21:24:54.000000       1 trace.go:205] Trace[1]: slow\n";
        String cut = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\","
                + "\"auditID\":\"6f0d3c2e-cut\",\"stage\":\"ResponseComplete\",\"requestObject\":{\"data\":"
                + "{\"password\":\"hunter2-and-more";
        return utf8("{\"records\":[" + record("kube-apiserver", klog) + "," + record("kube-audit", cut) + "]}");
    }

    private static String record(String category, String log) throws Exception {
        return "{\"resourceId\":\"" + AKS_ID + "\",\"time\":\"2024-01-09T21:24:54Z\",\"category\":\"" + category + "\","
                + "\"operationName\":\"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read\","
                + "\"properties\":{\"log\":" + Json.mapper().writeValueAsString(log) + ",\"stream\":\"stdout\","
                + "\"pod\":\"kube-apiserver-abc\"}}";
    }

    @Test
    void anAksBatchLandsInKafkaKeyedByClusterAndNamespaceAndIsCheckpointedAfterwards() throws Exception {
        String cluster = cluster();
        try (HubFixture hub = new HubFixture(auditHub(cluster))) {
            Instant enqueued = Instant.now().minusSeconds(30);
            List<EventData> events = List.of(
                    ReceivedEvents.event(Corpus.bytes("aks-envelope/sysdiglabs_event.json"), 100, enqueued),
                    ReceivedEvents.event(faultyEnvelope(), 101, enqueued.plusSeconds(1)));

            hub.handler(hub.kafka).accept(hub.batch("3", events, 140));

            List<ConsumerRecord<String, byte[]>> written = TopicRecords.normalized(cluster);
            assertThat(written).hasSize(20);
            assertThat(written).allSatisfy(r -> {
                NormalizedEvent e = TopicRecords.event(r);
                assertThat(r.key()).isEqualTo(e.partitionKey()).startsWith(cluster + "/");
                assertThat(e.cluster()).isEqualTo(cluster);
                assertThat(e.clusterResourceId()).isEqualTo(AKS_ID);
                assertThat(e.source()).isEqualTo(NormalizedEvent.SOURCE_AUDIT);
            });
            assertThat(written)
                    .extracting(r -> TopicRecords.event(r).id())
                    .contains("55ffceaa-b7c3-478e-98c6-e509cd2f0dd7");

            List<ConsumerRecord<String, byte[]>> dlq = TopicRecords.deadLetters("fallback-" + cluster);
            assertThat(dlq).hasSize(1);
            ConsumerRecord<String, byte[]> dead = dlq.get(0);
            assertThat(TopicRecords.header(dead, DlqHeaders.STAGE)).isEqualTo("eventhubs");
            assertThat(TopicRecords.header(dead, DlqHeaders.REASON)).isEqualTo("truncated");
            assertThat(TopicRecords.header(dead, DlqHeaders.DETAIL))
                    .startsWith("event hub aks-audit partition 3 sequence 101: ");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).doesNotContain("hunter2");

            Checkpoint checkpoint = hub.checkpoints().get("3");
            assertThat(checkpoint.getSequenceNumber()).isEqualTo(101L);
            assertThat(checkpoint.getOffset()).isEqualTo(ReceivedEvents.offsetOf(101));
            assertThat(checkpoint.getOffsetString()).isEqualTo(Long.toString(ReceivedEvents.offsetOf(101)));

            assertThat(hub.counter(HubMetrics.MESSAGES, "hub", "aks-audit", "partition", "3"))
                    .isEqualTo(2);
            assertThat(hub.counter(HubMetrics.RECORDS, "partition", "3", "outcome", "accepted"))
                    .isEqualTo(20);
            assertThat(hub.counter(HubMetrics.RECORDS, "partition", "3", "outcome", "skipped"))
                    .isEqualTo(3);
            assertThat(hub.counter(HubMetrics.RECORDS, "partition", "3", "outcome", "rejected"))
                    .isEqualTo(1);
            assertThat(hub.counter(HubMetrics.BY_REASON, "hub", "aks-audit", "reason", "stage"))
                    .isEqualTo(2);
            assertThat(hub.counter(HubMetrics.BY_REASON, "reason", "other-category"))
                    .isEqualTo(1);
            assertThat(hub.counter(HubMetrics.BY_REASON, "outcome", "rejected", "reason", "truncated"))
                    .isEqualTo(1);
            assertThat(hub.gauge(HubMetrics.LAG, "hub", "aks-audit", "partition", "3"))
                    .isEqualTo(39.0);
            assertThat(hub.gauge(HubMetrics.CHECKPOINT_AGE, "partition", "3")).isZero();
        }
    }

    @Test
    void aFalcoHubTakesOneAlertPerMessageAndRejectsWhatIsNotAFalcoAlert() throws Exception {
        String cluster = cluster();
        HubBinding falco = new HubBinding(
                        HubKind.FALCO,
                        HubFixture.NAMESPACE,
                        "falco",
                        HubFixture.GROUP,
                        cluster,
                        null,
                        HubCredential.azureIdentity(),
                        null)
                .validate("test");
        try (HubFixture hub = new HubFixture(falco)) {
            List<String> alerts =
                    Files.readAllLines(Corpus.file("falco-alerts/falco_test_single_rule_with_cat_write.jsonl"));
            List<EventData> events = new ArrayList<>();
            long sequence = 0;
            for (String alert : alerts) {
                events.add(ReceivedEvents.event(utf8(alert), sequence++, Instant.now()));
            }
            events.add(ReceivedEvents.event(Corpus.bytes("falco-k8s-audit/exec_pod.json"), sequence, Instant.now()));

            hub.handler(hub.kafka).accept(hub.batch("0", events, sequence));

            List<ConsumerRecord<String, byte[]>> written = TopicRecords.normalized(cluster);
            assertThat(written).hasSize(alerts.size());
            assertThat(written).allSatisfy(r -> {
                assertThat(TopicRecords.event(r).source()).isEqualTo(NormalizedEvent.SOURCE_FALCO);
                assertThat(TopicRecords.event(r).cluster()).isEqualTo(cluster);
            });
            List<ConsumerRecord<String, byte[]>> dlq = TopicRecords.deadLetters(cluster);
            assertThat(dlq).hasSize(1);
            assertThat(TopicRecords.header(dlq.get(0), DlqHeaders.REASON)).isEqualTo("unrecognized-format");
            assertThat(TopicRecords.header(dlq.get(0), DlqHeaders.DETAIL))
                    .contains("a k8s-audit event on a hub bound to kind falco");
            assertThat(hub.checkpoints().get("0").getSequenceNumber()).isEqualTo(sequence);
        }
    }

    /** The real writer, except that Kafka "fails" the first attempts; the test looks for a checkpoint at each. */
    private static final class FlakyWriter implements EventWriter {
        private final EventWriter real;
        private final HubFixture hub;
        private final AtomicInteger failuresLeft;
        final List<Map<String, Checkpoint>> checkpointsSeenWhileFailing = new ArrayList<>();

        FlakyWriter(EventWriter real, HubFixture hub, int failures) {
            this.real = real;
            this.hub = hub;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public CompletableFuture<Void> write(List<NormalizedEvent> events, List<DeadLetter> deadLetters) {
            if (failuresLeft.getAndDecrement() > 0) {
                checkpointsSeenWhileFailing.add(hub.checkpoints());
                return CompletableFuture.failedFuture(
                        new org.apache.kafka.common.errors.TimeoutException("broker away"));
            }
            return real.write(events, deadLetters);
        }

        @Override
        public void close() {}
    }

    @Test
    void whileKafkaDoesNotTakeTheBatchItIsRetriedAndNotCheckpointed() throws Exception {
        String cluster = cluster();
        try (HubFixture hub = new HubFixture(auditHub(cluster))) {
            FlakyWriter flaky = new FlakyWriter(hub.kafka, hub, 2);
            EventData envelope =
                    ReceivedEvents.event(Corpus.bytes("aks-envelope/sysdiglabs_event.json"), 7, Instant.now());

            hub.handler(flaky).accept(hub.batch("1", List.of(envelope), 7));

            assertThat(flaky.checkpointsSeenWhileFailing).hasSize(2).allSatisfy(c -> assertThat(c)
                    .isEmpty());
            assertThat(TopicRecords.normalized(cluster)).hasSize(20);
            assertThat(hub.checkpoints().get("1").getSequenceNumber()).isEqualTo(7L);
            assertThat(hub.counter(HubMetrics.WRITE_RETRIES, "hub", "aks-audit"))
                    .isEqualTo(2);
        }
    }

    @Test
    void aBatchKafkaHasNotTakenWhenTheBridgeStopsIsNeitherWrittenNorCheckpointed() throws Exception {
        String cluster = cluster();
        try (HubFixture hub = new HubFixture(auditHub(cluster))) {
            FlakyWriter down = new FlakyWriter(hub.kafka, hub, Integer.MAX_VALUE);
            EventData envelope =
                    ReceivedEvents.event(Corpus.bytes("aks-envelope/sysdiglabs_event.json"), 9, Instant.now());
            hub.stopping.set(true);

            assertThatThrownBy(() -> hub.handler(down).accept(hub.batch("2", List.of(envelope), 9)))
                    .isInstanceOf(DurableWriter.Stopping.class);
            assertThat(hub.checkpoints()).isEmpty();
            assertThat(TopicRecords.normalized(cluster)).isEmpty();
        }
    }

    @Test
    void anEmptyBatchOnlyRefreshesTheLag() throws Exception {
        try (HubFixture hub = new HubFixture(auditHub(cluster()))) {
            hub.handler(hub.kafka).accept(hub.batch("5", List.of(), 41));

            assertThat(hub.gauge(HubMetrics.LAG, "partition", "5")).isEqualTo(42.0);
            assertThat(hub.checkpoints()).isEmpty();
            assertThat(hub.counter(HubMetrics.MESSAGES, "partition", "5")).isZero();
        }
    }
}
