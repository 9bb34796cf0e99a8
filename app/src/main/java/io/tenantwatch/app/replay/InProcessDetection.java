package io.tenantwatch.app.replay;

import io.tenantwatch.app.TempDirs;
import io.tenantwatch.app.detection.DetectionWiring;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.inprocess.EventBatch;
import io.tenantwatch.detectors.inprocess.Found;
import io.tenantwatch.detectors.inprocess.Handoff;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production detection topology run in-process on TopologyTestDriver, with no broker: what
 * {@code replay} and {@code bench --mode topology} use. It runs in two stages, each on a driver of
 * its own, cut after the detection step: this thread deduplicates, learns tenancy, attributes and
 * runs the detectors ({@link DetectionTopology#perEventStage}), everything that consults tenancy,
 * in event order; a second thread ({@link GroupingStage}) runs group F, the once-per-period gate
 * and the sinks on what the detectors found. The second stage sees the findings in the first one's
 * order and batches, so the alerts are those of one driver running the whole topology, while the
 * two halves of the work use two cores.
 *
 * <p>Events go in on event time, gathered into batches ({@link EventBatch}: the driver's work per
 * record it is given is several times an event's detection); a batch goes through when it holds
 * {@value #BATCH_EVENTS} events or spans more than {@link #BATCH_SPAN} of event time, so that
 * group F, which sees a batch's observations after the whole batch, never sees them later than
 * that. {@link #drain} sends what is gathered, {@link #flush} at the end of the input also returns
 * what windows and sequences still held. Not thread-safe; close it to stop the second stage and
 * remove the state directory.
 */
public final class InProcessDetection implements AutoCloseable {

    static final String FLUSH_KEY = "end-of-input";
    /** Each event gets its own key again inside the topology ({@code UnbatchProcessor}). */
    static final String BATCH_KEY = "batch";

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
    private final ProducedRecords produced;
    private final GroupingStage grouping;
    private final Path stateDir;
    private final Duration flushHorizon;
    /** What the first stage found in the batch being sent: the second stage's next batch. */
    private final List<Found> found;

    private final List<NormalizedEvent> batch = new ArrayList<>(BATCH_EVENTS);
    private final Instant started = Instant.now();
    private Instant batchEarliest;
    private Instant batchLatest;
    private Instant latest;

    private int sinceDrain;

    private InProcessDetection(
            TopologyTestDriver driver,
            TestInputTopic<String, EventBatch> input,
            GroupingStage grouping,
            List<Found> found,
            Path stateDir,
            Duration flushHorizon) {
        this.driver = driver;
        this.input = input;
        this.produced = new ProducedRecords(driver);
        this.grouping = grouping;
        this.found = found;
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
        Handoff<EventBatch> batches = new Handoff<>("batch");
        Handoff<Found.Batch> foundBatches = new Handoff<>("batch of findings");
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
        List<Found> found = new ArrayList<>(BATCH_EVENTS);
        TopologyTestDriver first = new TopologyTestDriver(
                topology.perEventStage(found::add), driverProperties(stateDir.resolve("per-event"), topics));
        Handoff<Alert> alerts = new Handoff<>("alert");
        GroupingStage second;
        try {
            second = new GroupingStage(
                    new TopologyTestDriver(
                            topology.groupingStage(foundBatches, alerts),
                            driverProperties(stateDir.resolve("grouping"), topics)),
                    foundBatches,
                    alerts);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        if (readsTenancyTopic) {
            TestInputTopic<String, TenancyRecord> records = first.createInputTopic(
                    topics.tenancy(),
                    Serdes.String().serializer(),
                    JsonSerde.tenancyRecord().serializer());
            clusterTenancy.forEach(records::pipeInput);
        }
        return new InProcessDetection(
                first,
                first.createInputTopic(topics.normalized(), Serdes.String().serializer(), batches.serializer()),
                second,
                found,
                stateDir,
                topology.flushHorizon());
    }

    private static Properties driverProperties(Path stateDir, Topics topics) {
        Properties props =
                DetectionTopology.streamsConfig(KafkaConnection.plain("in-process:9092"), stateDir.toString(), topics);
        // Exactly-once has no meaning without a broker; the driver commits after every record.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return props;
    }

    /**
     * Adds one event to the batch and returns the alerts the second stage has raised since the last
     * call (often none: most calls only gather, and the second stage runs a few batches behind).
     */
    public List<Alert> submit(NormalizedEvent event) {
        Instant time = event.time();
        if (time != null && !batch.isEmpty() && batchEarliest != null && spansTooLong(time)) {
            send();
        }
        batch.add(event);
        if (time != null) {
            batchEarliest = batchEarliest == null || time.isBefore(batchEarliest) ? time : batchEarliest;
            batchLatest = batchLatest == null || time.isAfter(batchLatest) ? time : batchLatest;
            latest = latest == null || time.isAfter(latest) ? time : latest;
        }
        if (batch.size() >= BATCH_EVENTS) {
            send();
        }
        return grouping.takeAlerts();
    }

    /** Events gathered and not yet sent through the topology. */
    public int gathered() {
        return batch.size();
    }

    /** Events submitted whose batch has gone through both stages (duplicates included). */
    public long detectedEvents() {
        return grouping.finishedEvents();
    }

    /** Sends the events gathered so far through the topology and returns the alerts they raised. */
    public List<Alert> drain() {
        send();
        grouping.await();
        return grouping.takeAlerts();
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
            grouping.moveTimeTo(latest.plus(flushHorizon));
        }
        grouping.await();
        return grouping.takeAlerts();
    }

    private boolean spansTooLong(Instant time) {
        Instant earliest = time.isBefore(batchEarliest) ? time : batchEarliest;
        Instant newest = time.isAfter(batchLatest) ? time : batchLatest;
        return Duration.between(earliest, newest).compareTo(BATCH_SPAN) > 0;
    }

    /**
     * Sends the gathered batch, if there is one, through the first stage and hands what it found to
     * the second. It is piped at its earliest event time in both: stream time then moves no
     * further than the earliest event would have moved it, and each event keeps its own time inside
     * the topology.
     */
    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        Instant at = batchEarliest != null ? batchEarliest : latest != null ? latest : started;
        input.pipeInput(BATCH_KEY, new EventBatch(batch), at);
        sinceDrain += batch.size();
        boolean drainNow = sinceDrain >= DRAIN_EVERY;
        if (drainNow) {
            produced.drain();
            sinceDrain = 0;
        }
        grouping.send(found, at, batch.size(), drainNow);
        found.clear();
        batch.clear();
        batchEarliest = null;
        batchLatest = null;
    }

    /**
     * Records a processor failed on (Kafka Streams' exception handler logged and skipped them, and
     * wrote each to the dead-letter topic), with the first one's message, among the events sent.
     */
    public ProcessingFailures failures() {
        return grouping.failures(produced.failures(new ProcessingFailures(0, null)));
    }

    /** How many records a processor failed on, and the first failure's message (null when none). */
    public record ProcessingFailures(long records, String first) {}

    @Override
    public void close() {
        try (GroupingStage second = grouping) {
            driver.close();
        } finally {
            TempDirs.deleteQuietly(stateDir);
        }
    }
}
