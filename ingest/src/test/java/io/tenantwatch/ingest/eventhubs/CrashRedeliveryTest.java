package io.tenantwatch.ingest.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crash after Kafka acknowledged a batch and before its checkpoint was written: the restarted
 * processor starts from the last checkpoint, reads the batch again and writes it again. Every
 * event lands in tw.normalized with the same deterministic id both times (the audit ID), which is
 * what the detectors' deduplication keys on, so each event alerts once; nothing is lost.
 */
@ExtendWith(TestBroker.class)
class CrashRedeliveryTest {

    /** The partition as the hub holds it: each of the corpus envelope's 22 records in a message of its own. */
    private static List<EventData> partition() throws Exception {
        JsonNode envelope = Json.mapper().readTree(Corpus.bytes("aks-envelope/sysdiglabs_event.json"));
        List<EventData> events = new ArrayList<>();
        Instant enqueued = Instant.now().minusSeconds(60);
        long sequence = 0;
        for (JsonNode record : envelope.get("records")) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putArray("records").add(record);
            events.add(ReceivedEvents.event(
                    Json.mapper().writeValueAsBytes(body), sequence++, enqueued.plusMillis(sequence)));
        }
        return events;
    }

    private static JsonNode auditEvent(EventData e) {
        try {
            return Json.mapper()
                    .readTree(Json.mapper()
                            .readTree(e.getBody())
                            .get("records")
                            .get(0)
                            .get("properties")
                            .get("log")
                            .asText());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The corpus's requests are none exec-like: their ResponseComplete counts, the ResponseStarted is skipped. */
    private static boolean counted(EventData e) {
        return "ResponseComplete".equals(auditEvent(e).get("stage").asText());
    }

    private static String auditId(EventData e) {
        return auditEvent(e).get("auditID").asText();
    }

    /** Where a restarted processor starts: after the checkpoint's sequence number (the SDK's exclusive position). */
    private static List<EventData> from(List<EventData> partition, Checkpoint checkpoint) {
        long after = checkpoint == null ? -1 : checkpoint.getSequenceNumber();
        return partition.stream().filter(e -> e.getSequenceNumber() > after).toList();
    }

    @Test
    void aBatchWrittenButNotCheckpointedIsReadAgainWithTheSameEventIds() throws Exception {
        String cluster = "eh-crash-1";
        List<EventData> partition = partition();
        List<EventData> first = partition.subList(0, 10);
        List<EventData> second = partition.subList(10, partition.size());
        long last = partition.get(partition.size() - 1).getSequenceNumber();

        try (HubFixture hub = new HubFixture(BatchHandlerTest.auditHub(cluster))) {
            // first run: one batch written and checkpointed ...
            HubIngest firstRun = hub.ingest(hub.kafka);
            new BatchHandler(firstRun, "aks-audit").accept(hub.batch("0", first, last));
            // ... the next one written (Kafka acknowledged), then the process dies before its checkpoint
            firstRun.process(
                    "0",
                    second.stream()
                            .map(e -> new HubMessage(e.getBody(), e.getSequenceNumber(), e.getEnqueuedTime()))
                            .toList());
            hub.store.close();

            // restart: a new store reads the checkpoint back, the processor resumes after it
            hub.store = hub.store();
            hub.registry.clear();
            Checkpoint resumed = hub.checkpoints().get("0");
            assertThat(resumed.getSequenceNumber()).isEqualTo(9L);
            List<EventData> redelivered = from(partition, resumed);
            assertThat(redelivered).hasSameSizeAs(second);
            hub.handler(hub.kafka).accept(hub.batch("0", redelivered, last));

            // another restart finds everything checkpointed: nothing is read a third time
            hub.store.close();
            hub.store = hub.store();
            assertThat(from(partition, hub.checkpoints().get("0"))).isEmpty();
        }

        Map<String, Long> timesWritten = TopicRecords.normalized(cluster).stream()
                .collect(Collectors.groupingBy(r -> TopicRecords.event(r).id(), Collectors.counting()));
        List<String> auditIds = partition.stream()
                .filter(CrashRedeliveryTest::counted)
                .map(CrashRedeliveryTest::auditId)
                .toList();
        assertThat(auditIds).hasSize(20);
        assertThat(timesWritten.keySet())
                .as("every event arrived, under its audit ID")
                .containsExactlyInAnyOrderElementsOf(auditIds);
        Map<Long, Long> histogram = timesWritten.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long inSecond = second.stream().filter(CrashRedeliveryTest::counted).count();
        assertThat(histogram)
                .as("events of the checkpointed batch once, of the re-read batch twice with the same id")
                .containsExactlyInAnyOrderEntriesOf(Map.of(1L, 20 - inSecond, 2L, inSecond));
    }
}
