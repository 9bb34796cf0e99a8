package io.tenantwatch.app.replay;

import io.tenantwatch.app.TempDirs;
import io.tenantwatch.app.detection.DetectionWiring;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production detection topology run in-process on TopologyTestDriver, with no broker: what
 * {@code replay} and {@code bench --mode topology} use. Events go in one at a time on event time; the alerts each
 * one raised come back at once, and {@link #flush} at the end of the input returns what windows
 * and sequences still held. Not thread-safe; close it to remove its state directory.
 */
public final class InProcessDetection implements AutoCloseable {

    private static final String ALERTS_TOPIC = Topics.defaults().alerts();
    private static final String FLUSH_KEY = "end-of-input";
    private static final int DRAIN_EVERY = 1000;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, NormalizedEvent> input;
    private final TestOutputTopic<String, Alert> alerts;
    private final Path stateDir;
    private final Duration flushHorizon;
    /** The driver keeps every record the topology produces until read: the other topics, drained now and then. */
    private final Map<String, TestOutputTopic<byte[], byte[]>> produced = new HashMap<>();

    private Instant latest;
    private int sinceDrain;

    private InProcessDetection(
            TopologyTestDriver driver,
            TestInputTopic<String, NormalizedEvent> input,
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
        DetectionTopology topology = new DetectionWiring(
                        tenancy, readsTenancyTopic, Duration.ZERO, DetectionTopology.StateStores.IN_MEMORY, false)
                .topology(topics, detection, listener);
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
        // Nothing arrives later in-process: an empty input is empty, so a task never waits for one.
        // (Waiting, even for zero ms, costs a formatted log message per record in Kafka Streams 4.4.)
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
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
                driver.createInputTopic(
                        topics.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer()),
                driver.createOutputTopic(
                        topics.alerts(),
                        Serdes.String().deserializer(),
                        JsonSerde.alert().deserializer()),
                stateDir,
                topology.flushHorizon());
    }

    /** Feeds one event on its own event time and returns the alerts it raised, in order. */
    public List<Alert> submit(NormalizedEvent event) {
        if (event.time() != null) {
            input.pipeInput(event.partitionKey(), event, event.time());
            if (latest == null || event.time().isAfter(latest)) {
                latest = event.time();
            }
        } else {
            input.pipeInput(event.partitionKey(), event);
        }
        if (++sinceDrain >= DRAIN_EVERY) {
            drainProduced();
        }
        return alerts.readValuesToList();
    }

    /**
     * The end of the input: moves stream time past the latest event by the longest window plus its
     * grace (a record with no value, which only time sees), so that every window still open closes
     * and every sequence or join still waiting is decided, as they would have been had more events
     * come. Returns the alerts that raised; the same input always gives the same ones. Call once.
     */
    public List<Alert> flush() {
        if (latest == null) {
            return List.of();
        }
        input.pipeInput(FLUSH_KEY, null, latest.plus(flushHorizon));
        drainProduced();
        return alerts.readValuesToList();
    }

    private void drainProduced() {
        sinceDrain = 0;
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(ALERTS_TOPIC)) {
                produced.computeIfAbsent(
                                topic,
                                t -> driver.createOutputTopic(
                                        t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                        .readRecordsToList();
            }
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
