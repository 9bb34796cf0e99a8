package io.tenantwatch.app.replay;

import io.tenantwatch.app.TempDirs;
import io.tenantwatch.app.detection.DetectionWiring;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.inprocess.BatchHandoff;
import io.tenantwatch.detectors.inprocess.EventBatch;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production detection topology run in-process on TopologyTestDriver, with no broker: what
 * {@code replay} and {@code bench --mode topology} use. Events go in on event time, gathered into
 * batches ({@link EventBatch}: the driver's work per record it is given is several times an
 * event's detection); a batch goes through when it holds {@value #BATCH_EVENTS} events or spans
 * more than {@link #BATCH_SPAN} of event time, so that group F, which sees a batch's observations
 * after the whole batch, never sees them later than that. {@link #drain} sends what is gathered,
 * {@link #flush} at the end of the input also returns what windows and sequences still held.
 * Not thread-safe; close it to remove its state directory.
 */
public final class InProcessDetection implements AutoCloseable {

    private static final String ALERTS_TOPIC = Topics.defaults().alerts();
    private static final String DLQ_TOPIC = Topics.defaults().dlq();
    /** The header Kafka Streams' dead-letter records carry the failure's message in. */
    private static final String FAILURE_MESSAGE_HEADER = "__streams.errors.message";

    private static final String FLUSH_KEY = "end-of-input";
    /** Each event gets its own key again inside the topology ({@code UnbatchProcessor}). */
    private static final String BATCH_KEY = "batch";

    private static final int DRAIN_EVERY = 1000;
    static final int BATCH_EVENTS = 200;
    /**
     * Group F sees a batch's observations after the whole batch, on a stream time that starts at the
     * batch's earliest event: never later than event by event, and at most this far behind it.
     * Far inside the default graces (5 minutes).
     */
    static final Duration BATCH_SPAN = Duration.ofSeconds(1);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, EventBatch> input;
    private final TestOutputTopic<String, Alert> alerts;
    private final Path stateDir;
    private final Duration flushHorizon;
    /** The driver keeps every record the topology produces until read: the other topics, drained now and then. */
    private final Map<String, TestOutputTopic<byte[], byte[]>> produced = new HashMap<>();

    private final List<NormalizedEvent> batch = new ArrayList<>(BATCH_EVENTS);
    private final Instant started = Instant.now();
    private Instant batchEarliest;
    private Instant batchLatest;
    private Instant latest;
    private long failed;
    private String firstFailure;
    private int sinceDrain;

    private InProcessDetection(
            TopologyTestDriver driver,
            TestInputTopic<String, EventBatch> input,
            TestOutputTopic<String, Alert> alerts,
            Path stateDir,
            Duration flushHorizon) {
        this.driver = driver;
        this.input = input;
        this.alerts = alerts;
        this.stateDir = stateDir;
        this.flushHorizon = flushHorizon;
    }

    public static InProcessDetection start(
            TenancyConfig tenancy, EventDetection detection, DetectionListener listener) {
        return start(tenancy, Map.of(), detection, listener);
    }

    /**
     * @param clusterTenancy tenancy records read from clusters ({@code replay --kubeconfig}) by their
     *                       {@code tw.tenancy} key; they are complete when given, so no event waits for more
     */
    public static InProcessDetection start(
            TenancyConfig tenancy,
            Map<String, ? extends TenancyRecord> clusterTenancy,
            EventDetection detection,
            DetectionListener listener) {
        Topics topics = Topics.defaults();
        boolean readsTenancyTopic = !clusterTenancy.isEmpty();
        // The cluster tenancy is complete before the first event, so no event waits for more.
        BatchHandoff batches = new BatchHandoff();
        DetectionTopology topology = new DetectionWiring(
                        tenancy, readsTenancyTopic, Duration.ZERO, DetectionTopology.StateStores.IN_MEMORY, false)
                .topology(topics, detection, listener)
                .inProcess(batches);
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("tenantwatch-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the in-process topology", e);
        }
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("in-process:9092"), stateDir.toString(), topics);
        // Exactly-once has no meaning without a broker; the driver commits after every record.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        TopologyTestDriver driver = new TopologyTestDriver(topology.build(), props);
        if (readsTenancyTopic) {
            TestInputTopic<String, TenancyRecord> records = driver.createInputTopic(
                    topics.tenancy(),
                    Serdes.String().serializer(),
                    JsonSerde.tenancyRecord().serializer());
            clusterTenancy.forEach(records::pipeInput);
        }
        return new InProcessDetection(
                driver,
                driver.createInputTopic(topics.normalized(), Serdes.String().serializer(), batches.serializer()),
                driver.createOutputTopic(
                        topics.alerts(),
                        Serdes.String().deserializer(),
                        JsonSerde.alert().deserializer()),
                stateDir,
                topology.flushHorizon());
    }

    /**
     * Adds one event to the batch and returns the alerts raised when that sent the batch before it
     * (usually none: most calls only gather).
     */
    public List<Alert> submit(NormalizedEvent event) {
        Instant time = event.time();
        boolean sent = false;
        if (time != null && !batch.isEmpty() && batchEarliest != null && spansTooLong(time)) {
            sent = send();
        }
        batch.add(event);
        if (time != null) {
            batchEarliest = batchEarliest == null || time.isBefore(batchEarliest) ? time : batchEarliest;
            batchLatest = batchLatest == null || time.isAfter(batchLatest) ? time : batchLatest;
            latest = latest == null || time.isAfter(latest) ? time : latest;
        }
        if (batch.size() >= BATCH_EVENTS) {
            sent |= send();
        }
        // Only a batch sent raises alerts: most calls gather and need not ask the driver.
        return sent ? alerts.readValuesToList() : List.of();
    }

    /** Events gathered and not yet sent through the topology. */
    public int gathered() {
        return batch.size();
    }

    /** Sends the events gathered so far through the topology and returns the alerts they raised. */
    public List<Alert> drain() {
        send();
        return alerts.readValuesToList();
    }

    /**
     * The end of the input: sends what is gathered, then moves stream time past the latest event by
     * the longest window plus its grace (a record with no value, which only time sees), so that
     * every window still open closes and every sequence or join still waiting is decided, as they
     * would have been had more events come. Returns the alerts that raised; the same input always
     * gives the same ones. Call once.
     */
    public List<Alert> flush() {
        send();
        if (latest != null) {
            input.pipeInput(FLUSH_KEY, null, latest.plus(flushHorizon));
            drainProduced();
        }
        return alerts.readValuesToList();
    }

    private boolean spansTooLong(Instant time) {
        Instant earliest = time.isBefore(batchEarliest) ? time : batchEarliest;
        Instant newest = time.isAfter(batchLatest) ? time : batchLatest;
        return Duration.between(earliest, newest).compareTo(BATCH_SPAN) > 0;
    }

    /**
     * Sends the gathered batch, if there is one, and returns whether there was. It is piped at its
     * earliest event time: stream time then moves no further than the earliest event would have
     * moved it, and each event keeps its own time inside the topology.
     */
    private boolean send() {
        if (batch.isEmpty()) {
            return false;
        }
        Instant at = batchEarliest != null ? batchEarliest : latest != null ? latest : started;
        input.pipeInput(BATCH_KEY, new EventBatch(batch), at);
        sinceDrain += batch.size();
        batch.clear();
        batchEarliest = null;
        batchLatest = null;
        if (sinceDrain >= DRAIN_EVERY) {
            drainProduced();
        }
        return true;
    }

    /**
     * Records a processor failed on (Kafka Streams' exception handler logged and skipped them, and
     * wrote each to the dead-letter topic), with the first one's message, among the events sent.
     */
    public ProcessingFailures failures() {
        drainProduced();
        return new ProcessingFailures(failed, firstFailure);
    }

    /** How many records a processor failed on, and the first failure's message (null when none). */
    public record ProcessingFailures(long records, String first) {}

    private void drainProduced() {
        sinceDrain = 0;
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

    private void countFailures(List<TestRecord<byte[], byte[]>> deadLetters) {
        failed += deadLetters.size();
        if (firstFailure == null && !deadLetters.isEmpty()) {
            Header message = deadLetters.get(0).headers().lastHeader(FAILURE_MESSAGE_HEADER);
            firstFailure = message == null || message.value() == null
                    ? "(no message)"
                    : new String(message.value(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
