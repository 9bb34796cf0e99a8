package io.tenantwatch.detectors;

import io.tenantwatch.detectors.attribution.AttributeProcessor;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.DirectoryTenancy;
import io.tenantwatch.detectors.attribution.LearnedTenancy;
import io.tenantwatch.detectors.attribution.LearnedTenancyTopology;
import io.tenantwatch.detectors.attribution.TenancyStoreUpdater;
import io.tenantwatch.detectors.dedupe.DedupeProcessor;
import io.tenantwatch.detectors.dedupe.OncePerProcessor;
import io.tenantwatch.detectors.inprocess.EventBatch;
import io.tenantwatch.detectors.inprocess.Found;
import io.tenantwatch.detectors.inprocess.HandOffProcessor;
import io.tenantwatch.detectors.inprocess.Handoff;
import io.tenantwatch.detectors.inprocess.UnbatchFoundProcessor;
import io.tenantwatch.detectors.inprocess.UnbatchProcessor;
import io.tenantwatch.detectors.stateful.Observation;
import io.tenantwatch.detectors.stateful.StatefulTopology;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.codec.NormalizedEventSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * The detection topology (docs/architecture.md): {@code tw.normalized} → deduplicate → attribute →
 * detectors → (once-per-period findings regrouped by fingerprint and gated) → {@code tw.alerts},
 * with the attributed events on {@code tw.attributed} when the operator exports them, and the
 * tenancy learned from namespace events on {@code tw.tenancy.learned} ({@link LearnedTenancyTopology}).
 * The same topology runs in the service and, through TopologyTestDriver, in {@code replay}, there
 * cut in two stages ({@link #perEventStage}, {@link #groupingStage}).
 */
public final class DetectionTopology {

    public static final String APPLICATION_ID = "tenantwatch-detectors";
    public static final String DEDUPE_STORE = "dedupe-seen";
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(10);
    public static final String ONCE_PER_STORE = "alerts-once-per";
    /** The global store of {@code tw.tenancy}. */
    public static final String TENANCY_STORE = "tenancy-directory";
    /** Events waiting for their namespace's tenancy (docs/tenancy.md, the grace for late namespaces). */
    public static final String TENANCY_PENDING_STORE = "tenancy-pending";

    public static final Duration DEFAULT_TENANCY_GRACE = Duration.ofSeconds(30);
    /** Where replay's second stage reads what the first stage found ({@link #groupingStage}). */
    public static final String FOUND_STAGE_TOPIC = "tenantwatch-in-process-found";
    /** The internal topic that regroups once-per-period findings by fingerprint. */
    public static final String ALERTS_BY_FINGERPRINT = "alerts-by-fingerprint";

    public static final String ALERTS_BY_FINGERPRINT_TOPIC =
            APPLICATION_ID + "-" + ALERTS_BY_FINGERPRINT + "-repartition";
    /** How long "once per period" fingerprints are remembered: the longest period in the catalogue. */
    public static final Duration ONCE_PER_RETENTION = Duration.ofDays(1);

    private final Topics topics;
    private final Attributor attributor;
    private final EventDetection detection;
    private final DetectionListener listener;
    private final Duration dedupeWindow;
    private final StateStores stores;
    private final JsonSerde<Alert> alertSerde = JsonSerde.alert();
    private DirectoryTenancy directory;
    private LearnedTenancy learned;
    private Duration tenancyGrace = Duration.ZERO;
    private boolean exportAttributed;
    /** Non-null for one in-process task: where its batches come from. */
    private Handoff<EventBatch> batches;

    /**
     * Where the topology keeps its state: on disk (RocksDB, changelogged) in the service; in memory
     * for an in-process replay, whose state lives only as long as the run. An in-memory store writes
     * no changelog: nothing would ever restore it, and the test driver that runs replay handles every
     * changelog record like an output (it matched each against the topology's topic names with a
     * regex compiled per record, a fifth of replay's time).
     */
    public enum StateStores {
        PERSISTENT,
        IN_MEMORY;

        /** A window store: RocksDB segments or an in-memory map. */
        public WindowBytesStoreSupplier window(String name, Duration retention, Duration size) {
            return this == PERSISTENT
                    ? Stores.persistentWindowStore(name, retention, size, false)
                    : Stores.inMemoryWindowStore(name, retention, size, false);
        }

        /** A key-value store: RocksDB or an in-memory map. */
        public KeyValueBytesStoreSupplier keyValue(String name) {
            return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        }

        /** {@code store} with its changelog ({@code changelogConfig} on the topic), or none in memory. */
        public <T extends StateStore> StoreBuilder<T> changelogged(
                StoreBuilder<T> store, Map<String, String> changelogConfig) {
            return this == PERSISTENT ? store.withLoggingEnabled(changelogConfig) : store.withLoggingDisabled();
        }

        /** A stream-stream join's stores, changelogged like {@link #changelogged}. */
        public <K, V1, V2> StreamJoined<K, V1, V2> changelogged(
                StreamJoined<K, V1, V2> join, Map<String, String> changelogConfig) {
            return this == PERSISTENT ? join.withLoggingEnabled(changelogConfig) : join.withLoggingDisabled();
        }
    }

    public DetectionTopology(
            Topics topics,
            Attributor attributor,
            EventDetection detection,
            DetectionListener listener,
            Duration dedupeWindow) {
        this(topics, attributor, detection, listener, dedupeWindow, StateStores.PERSISTENT);
    }

    public DetectionTopology(
            Topics topics,
            Attributor attributor,
            EventDetection detection,
            DetectionListener listener,
            Duration dedupeWindow,
            StateStores stores) {
        this.topics = topics;
        this.attributor = attributor;
        this.detection = detection;
        this.listener = listener;
        this.dedupeWindow = dedupeWindow;
        this.stores = stores;
    }

    /**
     * Reads cluster tenancy from {@code tw.tenancy} into {@code directory} (which the attributor must
     * consult as its {@link io.tenantwatch.detectors.attribution.ClusterTenancy}); events for
     * namespaces nobody knows yet wait up to {@code grace} of event time (zero: judged at once).
     */
    public DetectionTopology withTenancyDirectory(DirectoryTenancy directory, Duration grace) {
        this.directory = directory;
        this.tenancyGrace = grace;
        return this;
    }

    /**
     * Learns tenancy from namespace events into {@code learned} (which the attributor must consult,
     * alone or behind the directory), kept on {@link Topics#learnedTenancy()} (docs/tenancy.md).
     */
    public DetectionTopology withLearnedTenancy(LearnedTenancy learned) {
        this.learned = learned;
        return this;
    }

    /**
     * Writes every attributed event to {@code tw.attributed}, an export for SIEMs and data lakes that
     * nothing in tenantwatch reads. Off by default: it costs a serialization and a write per event.
     */
    public DetectionTopology withAttributedExport(boolean export) {
        this.exportAttributed = export;
        return this;
    }

    /**
     * Builds for TopologyTestDriver ({@code replay}): {@link #build} as one in-process task, or the
     * two stages replay runs on two threads ({@link #perEventStage}, {@link #groupingStage}), which
     * need this first. {@code tw.normalized}
     * is read as {@link io.tenantwatch.detectors.inprocess.EventBatch}es handed over by reference
     * through {@code batches}, each turned back into one record per event before deduplication,
     * since the driver's cost is per record given to it; and findings re-keyed for
     * group F or a "once per period" gate go straight on, since in one task they already meet,
     * where the service needs a repartition topic (the runtime join keeps its topic: Kafka Streams
     * joins only what a topic co-partitions). Every processor and store is the service's.
     */
    public DetectionTopology inProcess(Handoff<EventBatch> batches) {
        this.batches = batches;
        return this;
    }

    /** Builds the whole topology in one place, every operator and store named explicitly. */
    public Topology build() {
        StreamsBuilder builder = newBuilder();
        alertsAndGroups(builder, detectedEvents(builder), alertSerde);
        return builder.build();
    }

    /**
     * Replay's first stage, on a driver of its own ({@link #inProcess} gives its batches): the
     * events of {@code tw.normalized}, deduplicated, tenancy learned, attributed and detected, each
     * finding (an alert or a group F observation, with its key and time) handed to {@code out} in
     * order. {@link #groupingStage} does the rest on another thread. Everything that consults
     * tenancy runs here, in event order, as in one driver; the processors and stores are the
     * service's, only the cut between them is replay's.
     */
    public Topology perEventStage(Consumer<Found> out) {
        requireInProcess();
        StreamsBuilder builder = newBuilder();
        detectedEvents(builder).process(() -> new HandOffProcessor(out), Named.as("hand-off-found"));
        return builder.build();
    }

    /**
     * Replay's second stage: what {@link #perEventStage} found, in batches from {@code found} piped
     * at the first stage's batch times, through group F, the once-per-period gate and the sinks to
     * {@code tw.alerts}, where {@code alertsOut} hands each alert to the stage's caller by
     * reference (the service's JSON has its own tests).
     */
    public Topology groupingStage(Handoff<Found.Batch> found, Serde<Alert> alertsOut) {
        requireInProcess();
        StreamsBuilder builder = newBuilder();
        alertsAndGroups(
                builder,
                builder.stream(
                                FOUND_STAGE_TOPIC,
                                Consumed.with(Serdes.String(), found)
                                        .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
                                        .withName("found-batches-source"))
                        .process(UnbatchFoundProcessor::new, Named.as("unbatch-found")),
                alertsOut);
        return builder.build();
    }

    /** The stages read batches and regroup in one task: without {@link #inProcess} they would not. */
    private void requireInProcess() {
        if (batches == null) {
            throw new IllegalStateException("replay's stages are built after inProcess(batches)");
        }
    }

    private StreamsBuilder newBuilder() {
        return stores == StateStores.PERSISTENT ? new StreamsBuilder(primedStores()) : new StreamsBuilder();
    }

    /** What the detection step found in {@code tw.normalized}: the per-event work up to the detectors. */
    private KStream<String, Object> detectedEvents(StreamsBuilder builder) {
        return detected(attributed(builder, normalized(builder, new NormalizedEventSerde())));
    }

    /** Deduplication, tenancy learning and attribution of {@code events}. */
    private KStream<String, NormalizedEvent> attributed(
            StreamsBuilder builder, KStream<String, NormalizedEvent> events) {
        // Events between stages (tw.normalized, the tenancy-pending store) are binary, and 0.1's JSON
        // is still read.
        Serde<NormalizedEvent> eventSerde = new NormalizedEventSerde();
        KStream<String, NormalizedEvent> deduped = deduplicated(builder, events);
        LearnedTenancyTopology learning = learned == null
                ? null
                : new LearnedTenancyTopology(
                        topics, learned, attributor.namespaceLabels(), stores == StateStores.PERSISTENT);
        if (learning != null) {
            learning.learnBeforeAttribution(builder, deduped);
        }
        KStream<String, NormalizedEvent> attributed = deduped.process(
                () -> new AttributeProcessor(
                        this::attribute, attributor, directory, TENANCY_STORE, TENANCY_PENDING_STORE, tenancyGrace),
                Named.as("attribute"),
                attributeStores(builder, eventSerde));
        if (learning != null) {
            learning.learnAfterAttribution(attributed);
        }
        return attributed;
    }

    /**
     * The export, and one pass of detection per event, which yields both: alerts keyed by
     * fingerprint, and group F's observations keyed like their event.
     */
    private KStream<String, Object> detected(KStream<String, NormalizedEvent> attributed) {
        if (exportAttributed) {
            // JSON: nothing in tenantwatch reads tw.attributed, it is the export for a SIEM or data
            // lake (docs/architecture.md, "Kafka topics").
            attributed.to(
                    topics.attributed(),
                    Produced.with(Serdes.String(), JsonSerde.normalizedEvent()).withName("attributed-sink"));
        }
        return attributed.flatMap(this::detect, Named.as("detect"));
    }

    /**
     * From the detection step's findings to {@code tw.alerts}, written with {@code alertsOut}: group
     * F, the once-per-period gate, and a sink for each part.
     */
    private void alertsAndGroups(StreamsBuilder builder, KStream<String, Object> detected, Serde<Alert> alertsOut) {
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(stores.keyValue(ONCE_PER_STORE), Serdes.String(), Serdes.Long()),
                Map.of()));

        KStream<String, Alert> raised = detected.flatMapValues(
                found -> found instanceof Alert alert ? List.of(alert) : List.<Alert>of(), Named.as("alerts-only"));
        KStream<String, Observation> observed = detected.flatMapValues(
                found -> found instanceof Observation observation ? List.of(observation) : List.<Observation>of(),
                Named.as("observations-only"));
        // Group F (docs/detectors.md, "Stateful and correlating"): observations windowed, sequenced
        // and joined on event time. Its alerts go to tw.alerts; observations never do.
        new StatefulTopology(detection, listener, stores, regrouping())
                .build(builder, raised, observed, (found, name) -> sendToAlerts(found, name, alertsOut));

        Map<String, KStream<String, Alert>> alerts = raised.split(Named.as("alerts-"))
                .branch((fingerprint, alert) -> detection.oncePer(alert.detector()) != null, Branched.as("once-per"))
                .defaultBranch(Branched.as("every"));

        // "Once per period" findings meet in one task whatever namespace raised them.
        KStream<String, Alert> gated = regrouping()
                .regroup(alerts.get("alerts-once-per"), ALERTS_BY_FINGERPRINT, alertSerde)
                .processValues(
                        () -> new OncePerProcessor(ONCE_PER_STORE, detection, ONCE_PER_RETENTION, listener),
                        Named.as("once-per"),
                        ONCE_PER_STORE);

        sendToAlerts(alerts.get("alerts-every"), "alerts", alertsOut);
        sendToAlerts(gated, "once-per-alerts", alertsOut);
    }

    private Regrouping regrouping() {
        return new Regrouping(batches != null);
    }

    /** The events of {@code tw.normalized}, one record each, on their event time. */
    private KStream<String, NormalizedEvent> normalized(StreamsBuilder builder, Serde<NormalizedEvent> eventSerde) {
        if (batches != null) {
            return builder.stream(
                            topics.normalized(),
                            Consumed.with(Serdes.String(), batches)
                                    .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
                                    .withName("normalized-batches-source"))
                    .process(UnbatchProcessor::new, Named.as("unbatch"));
        }
        return builder.stream(
                topics.normalized(),
                Consumed.with(Serdes.String(), eventSerde)
                        .withTimestampExtractor(new EventTimeExtractor())
                        .withName("normalized-source"));
    }

    /**
     * {@code events} without the copies of events seen within the dedup window. The service remembers
     * them in a changelogged window store, so a restarted or moved task still knows them; an
     * in-memory run in the processor's own hash maps (see {@code SeenEvents}).
     */
    private KStream<String, NormalizedEvent> deduplicated(
            StreamsBuilder builder, KStream<String, NormalizedEvent> events) {
        if (stores == StateStores.IN_MEMORY) {
            return events.processValues(() -> DedupeProcessor.inMemory(dedupeWindow, listener), Named.as("dedupe"));
        }
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                stores.window(DEDUPE_STORE, DedupeProcessor.retention(dedupeWindow), dedupeWindow),
                Serdes.String(),
                Serdes.Long()));
        return events.processValues(
                () -> DedupeProcessor.inStore(DEDUPE_STORE, dedupeWindow, listener), Named.as("dedupe"), DEDUPE_STORE);
    }

    /**
     * Counts {@code alerts} and writes them to {@code tw.alerts}, as {@code name-count} and
     * {@code name-sink}. Each part of the topology that raises alerts has its own sink rather than
     * one merged stream, so that parts reading different internal topics stay separate tasks.
     */
    private void sendToAlerts(KStream<String, Alert> alerts, String name, Serde<Alert> alertsOut) {
        alerts.peek((fingerprint, alert) -> listener.alert(alert), Named.as(name + "-count"))
                .to(topics.alerts(), Produced.with(Serdes.String(), alertsOut).withName(name + "-sink"));
    }

    /**
     * How far past its last event an in-process run must advance stream time so that every pending
     * window, sequence and join of group F is decided ({@link StatefulTopology#flushHorizon}).
     */
    public Duration flushHorizon() {
        return new StatefulTopology(detection, listener, stores, regrouping()).flushHorizon();
    }

    /**
     * With a cluster directory: {@code tw.tenancy} as a global store (every instance holds all of it,
     * so attribution needs no repartition), and the store of events waiting for their namespace.
     */
    private String[] attributeStores(StreamsBuilder builder, Serde<NormalizedEvent> eventSerde) {
        if (directory == null) {
            return new String[0];
        }
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(TENANCY_STORE), Serdes.String(), JsonSerde.tenancyRecord())
                        .withLoggingDisabled(),
                topics.tenancy(),
                Consumed.with(Serdes.String(), JsonSerde.tenancyRecord())
                        .withTimestampExtractor(new LogAndSkipOnInvalidTimestamp())
                        .withName("tenancy-source"),
                () -> new TenancyStoreUpdater(TENANCY_STORE));
        if (tenancyGrace.isZero()) {
            return new String[0];
        }
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(stores.keyValue(TENANCY_PENDING_STORE), Serdes.String(), eventSerde),
                Map.of()));
        return new String[] {TENANCY_PENDING_STORE};
    }

    private NormalizedEvent attribute(NormalizedEvent event) {
        NormalizedEvent result = attributor.attribute(event);
        listener.attributed(result);
        return result;
    }

    /** Alerts keyed by fingerprint; observations keep the event's key until group F keys them. */
    private List<KeyValue<String, Object>> detect(String key, NormalizedEvent event) {
        List<KeyValue<String, Object>> out = new ArrayList<>(1);
        detection.detect(
                new EventContext(event, attributor),
                listener,
                alert -> out.add(KeyValue.pair(alert.fingerprint(), alert)),
                observation -> out.add(KeyValue.pair(key, observation)));
        return out;
    }

    /**
     * Streams configuration for the service: exactly-once, internal resources named explicitly,
     * the event-time extractor, and records that cannot be read or processed sent to the DLQ
     * (Kafka Streams' own dead-letter support) instead of stopping the app. Callers add overrides
     * on top.
     */
    /**
     * Persistent stores get a changelog offset soon after their task starts ({@link StorePriming}),
     * so that a clean shutdown checkpoints every one and a restart resumes instead of rebuilding.
     */
    private static TopologyConfig primedStores() {
        List<String> persistent = new ArrayList<>(
                List.of(DEDUPE_STORE, ONCE_PER_STORE, TENANCY_PENDING_STORE, LearnedTenancyTopology.STATE_STORE));
        persistent.addAll(StatefulTopology.STORES);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                "unused:9092"); // required by StreamsConfig, not read by the builder
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, StorePriming.class);
        props.put(StorePriming.STORES_CONFIG, persistent);
        return new TopologyConfig(new StreamsConfig(props));
    }

    /**
     * The Streams settings of the detection app on {@code kafka}; its connection settings reach
     * Streams' admin client, consumers and producers alike.
     */
    public static Properties streamsConfig(KafkaConnection kafka, String stateDir, Topics topics) {
        Properties props = kafka.properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq());
        // Idling aligns a task's input partitions in time; every task here reads one partition
        // (DetectionTopologyTest checks), so there is nothing to align, and Kafka Streams 4.4 formats
        // log messages each time it checks an idle task: 4 % of the stream thread with idling on.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // An early commit when uncommitted state grows past a limit: to know, Kafka Streams 4.4 asks
        // every segment of every store for its size on each pass of the stream thread's loop (4 % of
        // the thread here). The commit interval already bounds what a commit holds.
        props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
        // Changelogs, repartition topics and alerts compressed, as ingest's writer does: fewer bytes
        // for the broker to take in and store (bench --mode broker, where it shares the two cores:
        // 13,800-14,200 -> 16,600-17,100 events/s). Larger batches on top bought nothing measurable.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return props;
    }
}
