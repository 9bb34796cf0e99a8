package io.tenantwatch.app.replay;

import io.tenantwatch.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What a test driver's topology produced besides alerts: the driver keeps every record until read,
 * so these are drained now and then, and the dead letters among them counted (Kafka Streams'
 * exception handler logged and skipped each record a processor failed on, and wrote it to the
 * dead-letter topic). Used on the thread that runs the driver.
 */
final class ProducedRecords {

    private static final String ALERTS_TOPIC = Topics.defaults().alerts();
    private static final String DLQ_TOPIC = Topics.defaults().dlq();
    /** The header Kafka Streams' dead-letter records carry the failure's message in. */
    private static final String FAILURE_MESSAGE_HEADER = "__streams.errors.message";

    private final TopologyTestDriver driver;
    private final Map<String, TestOutputTopic<byte[], byte[]>> produced = new HashMap<>();
    private long failed;
    private String firstFailure;

    ProducedRecords(TopologyTestDriver driver) {
        this.driver = driver;
    }

    void drain() {
        for (String topic : driver.producedTopicNames()) {
            if (topic.equals(ALERTS_TOPIC)) {
                continue;
            }
            List<TestRecord<byte[], byte[]>> records = produced.computeIfAbsent(
                            topic,
                            t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                    .readRecordsToList();
            if (topic.equals(DLQ_TOPIC)) {
                countFailures(records);
            }
        }
    }

    /** The records failed on so far, after draining; with {@code earlier}'s (another stage's) first. */
    InProcessDetection.ProcessingFailures failures(InProcessDetection.ProcessingFailures earlier) {
        drain();
        return new InProcessDetection.ProcessingFailures(
                earlier.records() + failed, earlier.first() != null ? earlier.first() : firstFailure);
    }

    private void countFailures(List<TestRecord<byte[], byte[]>> deadLetters) {
        failed += deadLetters.size();
        if (firstFailure == null && !deadLetters.isEmpty()) {
            Header message = deadLetters.get(0).headers().lastHeader(FAILURE_MESSAGE_HEADER);
            firstFailure = message == null || message.value() == null
                    ? "(no message)"
                    : new String(message.value(), StandardCharsets.UTF_8);
        }
    }
}
