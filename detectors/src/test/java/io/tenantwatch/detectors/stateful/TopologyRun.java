package io.tenantwatch.detectors.stateful;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology with the built-in catalogue (as {@code detectors.yaml} tunes it) on
 * TopologyTestDriver: events in on tw.normalized as ingest writes them (unattributed; the fixtures'
 * tenancy attributes them), alerts out of tw.alerts, each checked against the alert contract.
 * Stream time moves only with the events sent, as on a partition of the real topic.
 */
final class TopologyRun implements AutoCloseable {

    private static final Topics TOPICS = Topics.defaults();

    private final TopologyTestDriver driver;
    private final DetectionTopology topology;
    private final TestInputTopic<String, NormalizedEvent> normalized;
    private final TestOutputTopic<String, Alert> alerts;
    private final Map<String, Integer> late = new ConcurrentHashMap<>();
    private final Map<String, Integer> exceptions = new ConcurrentHashMap<>();
    private Instant last = Instant.EPOCH;

    private TopologyRun(EventDetection detection, DetectionTopology.StateStores stores, Path stateDir) {
        DetectionListener listener = new DetectionListener() {
            @Override
            public void late(String detectorId) {
                late.merge(detectorId, 1, Integer::sum);
            }

            @Override
            public void exceptionApplied(String detectorId) {
                exceptions.merge(detectorId, 1, Integer::sum);
            }
        };
        topology = new DetectionTopology(
                TOPICS,
                TenancyFixtures.ATTRIBUTOR,
                detection,
                listener,
                DetectionTopology.DEFAULT_DEDUPE_WINDOW,
                stores);
        driver = new TopologyTestDriver(
                topology.build(),
                DetectionTopology.streamsConfig(KafkaConnection.plain("unused:9092"), stateDir.toString(), TOPICS));
        normalized = driver.createInputTopic(
                TOPICS.normalized(), Serdes.String().serializer(), new NormalizedEventSerde().serializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                JsonSerde.alert().deserializer());
    }

    /** The catalogue defaults, stores in memory (as replay runs). */
    static TopologyRun defaults(Path stateDir) {
        return configured("", stateDir);
    }

    /** The catalogue as this detectors.yaml tunes it. */
    static TopologyRun configured(String yaml, Path stateDir) {
        return new TopologyRun(detection(yaml), DetectionTopology.StateStores.IN_MEMORY, stateDir);
    }

    /** The catalogue defaults on RocksDB stores, as the service runs them. */
    static TopologyRun persistent(Path stateDir) {
        return new TopologyRun(detection(""), DetectionTopology.StateStores.PERSISTENT, stateDir);
    }

    static ConfiguredDetectors detection(String yaml) {
        try {
            return ConfiguredDetectors.build(
                    BuiltInDetectors.definitions(),
                    new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", yaml));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Sends events (as ingest wrote them) in this order, each on its event time; returns the alerts they raised. */
    List<Alert> send(NormalizedEvent... events) {
        for (NormalizedEvent event : events) {
            normalized.pipeInput(event.partitionKey(), event, event.time());
            if (event.time().isAfter(last)) {
                last = event.time();
            }
        }
        return read();
    }

    List<Alert> send(List<NormalizedEvent> events) {
        return send(events.toArray(NormalizedEvent[]::new));
    }

    /** What replay does at the end of its input: stream time past every window and grace. */
    List<Alert> flush() {
        normalized.pipeInput("flush", null, last.plus(topology.flushHorizon()));
        return read();
    }

    /** The alerts of one detector among {@code alerts}. */
    static List<Alert> of(String detectorId, List<Alert> alerts) {
        return alerts.stream().filter(a -> a.detector().equals(detectorId)).toList();
    }

    int late(String detectorId) {
        return late.getOrDefault(detectorId, 0);
    }

    int exceptionsApplied(String detectorId) {
        return exceptions.getOrDefault(detectorId, 0);
    }

    TopologyTestDriver driver() {
        return driver;
    }

    private List<Alert> read() {
        drainOtherTopics();
        List<Alert> out = new ArrayList<>(alerts.readValuesToList());
        for (Alert alert : out) {
            assertThat(ContractSchemas.ALERT.problems(alert))
                    .as("alert.schema.json problems of %s", alert)
                    .isEmpty();
        }
        return out;
    }

    /**
     * The driver keeps every record produced (tw.attributed, repartition and changelog topics) until
     * read; dropping them keeps a long run's memory to the topology's own state.
     */
    private void drainOtherTopics() {
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(TOPICS.alerts())) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList();
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
