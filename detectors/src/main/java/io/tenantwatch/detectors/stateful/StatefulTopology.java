package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.Regrouping;
import io.tenantwatch.detectors.WindowChangelogs;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Group F in the detection topology: the {@link Observation}s of the stateful detectors out of the
 * detection step (and, for {@code rbac-then-workload}, the group D alerts that start a sequence,
 * as observations too), re-keyed and repartitioned so that what belongs together meets in one
 * task, then windowed, remembered, sequenced or joined on event time. Observations cross the
 * repartition topics and wait in stores in {@link ObservationSerde}'s compact form. Every repartition
 * topic, store and processor is named explicitly; stores are RocksDB and changelogged in the service,
 * in memory for replay.
 *
 * <pre>
 * observed ─┬─ by actor (cluster, username) ──┬─ forbidden-burst      tumbling windows  ─┐
 *           │                                 ├─ repeated-denied-access  windows per path ─┤
 *           │                                 ├─ denied-by-unknown-identity  windows   ─┤
 *           │                                 ├─ secret-enumeration   tumbling windows  ─┤
 *           │                                 ├─ first-seen-access    last access store ─┤
 *           │                                 └─ rbac-then-workload   ordered sequence  ─┤
 *           ├─ by pod (cluster, namespace, pod): Falco ⋈ API requests, 60 s, first match ─┤──► alerts
 *           ├─ by credential (cluster, credential id) ── token-reuse  pods and addresses ─┤
 *           └─ by workload (cluster, namespace, resource, name) ── workload-container-added ─┘
 *                                                              images last written
 * </pre>
 */
public final class StatefulTopology {

    /** Observations of the per-actor detectors, and sequence starts, keyed by cluster and actor. */
    public static final String BY_ACTOR = "stateful-by-actor";

    /** Falco alerts and API requests of pods, both sides of the runtime join, keyed by pod. */
    public static final String RUNTIME_BY_POD = "runtime-then-api-by-pod";

    public static final String BY_CREDENTIAL = "token-reuse-by-credential";
    public static final String BY_WORKLOAD = "workload-container-added-by-workload";

    public static final String FORBIDDEN_BURST_WINDOWS = "forbidden-burst-windows";
    public static final String REPEATED_DENIED_WINDOWS = "repeated-denied-access-windows";
    public static final String UNKNOWN_IDENTITY_WINDOWS = "denied-by-unknown-identity-windows";
    public static final String SECRET_ENUMERATION_WINDOWS = "secret-enumeration-windows";
    public static final String FIRST_SEEN_LAST_ACCESS = "first-seen-access-last-access";
    public static final String RBAC_STARTS = "rbac-then-workload-starts";
    public static final String RBAC_FOLLOW_UPS = "rbac-then-workload-follow-ups";
    public static final String RUNTIME_JOIN = "runtime-then-api-join";
    public static final String RUNTIME_FALCO_ALERTS = "runtime-then-api-falco-alerts";
    public static final String RUNTIME_REQUESTS = "runtime-then-api-requests";
    public static final String RUNTIME_ALERTED = "runtime-then-api-alerted";
    public static final String TOKEN_CREDENTIALS = "token-reuse-credentials";
    public static final String WORKLOAD_IMAGES = "workload-container-added-images";
    /** The persistent state stores of group F, all its own processors'. */
    public static final List<String> STORES = List.of(
            FORBIDDEN_BURST_WINDOWS,
            REPEATED_DENIED_WINDOWS,
            UNKNOWN_IDENTITY_WINDOWS,
            SECRET_ENUMERATION_WINDOWS,
            FIRST_SEEN_LAST_ACCESS,
            RBAC_STARTS,
            RBAC_FOLLOW_UPS,
            RUNTIME_FALCO_ALERTS,
            RUNTIME_REQUESTS,
            RUNTIME_ALERTED,
            TOKEN_CREDENTIALS,
            WORKLOAD_IMAGES);

    /** A per-actor windowed detector: its store, and the name of the merge that adds its alerts (after the first). */
    private record WindowedKind(String id, Class<? extends WindowedDetector> type, String store, String merge) {}

    /** In catalogue order; each merge keeps its name as detectors are added, so processor names stay stable. */
    private static final List<WindowedKind> WINDOWED = List.of(
            new WindowedKind(ForbiddenBurst.SPEC.id(), ForbiddenBurst.class, FORBIDDEN_BURST_WINDOWS, null),
            new WindowedKind(
                    RepeatedDeniedAccess.SPEC.id(),
                    RepeatedDeniedAccess.class,
                    REPEATED_DENIED_WINDOWS,
                    "stateful-merge-repeated-denied"),
            new WindowedKind(
                    DeniedByUnknownIdentity.SPEC.id(),
                    DeniedByUnknownIdentity.class,
                    UNKNOWN_IDENTITY_WINDOWS,
                    "stateful-merge-unknown-identity"),
            new WindowedKind(
                    SecretEnumeration.SPEC.id(),
                    SecretEnumeration.class,
                    SECRET_ENUMERATION_WINDOWS,
                    "stateful-merge-enumeration"));

    private static final Set<String> WINDOWED_IDS =
            WINDOWED.stream().map(WindowedKind::id).collect(Collectors.toUnmodifiableSet());

    /** A time-indexed buffer (not a window) is stored as windows of 1 ms at the event time. */
    private static final Duration POINT = Duration.ofMillis(1);

    private final CurrentDetectors current;
    private final DetectionListener listener;
    private final DetectionTopology.StateStores stores;
    private final Regrouping regrouping;
    private final ObservationSerde observationSerde = new ObservationSerde();

    /**
     * @param detection  the configured detection: window sizes, grace and retention are read from it
     *                   now (they shape the stores), thresholds whenever a window closes
     * @param stores     RocksDB and changelogged (the service), or in memory (replay)
     */
    public StatefulTopology(
            EventDetection detection, DetectionListener listener, DetectionTopology.StateStores stores) {
        this(detection, listener, stores, Regrouping.THROUGH_TOPICS);
    }

    /** @param regrouping how re-keyed observations meet: through their repartition topics, or straight on in one task */
    public StatefulTopology(
            EventDetection detection,
            DetectionListener listener,
            DetectionTopology.StateStores stores,
            Regrouping regrouping) {
        this.current = new CurrentDetectors(detection);
        this.listener = listener;
        this.stores = stores;
        this.regrouping = regrouping;
    }

    /**
     * How far past the last event stream time must move for every pending window, sequence and join
     * to be decided: the longest window plus its grace, and a close cycle. Replay advances stream time
     * by this much at the end of its input.
     */
    public Duration flushHorizon() {
        RbacThenWorkload sequence = current.get(RbacThenWorkload.SPEC.id(), RbacThenWorkload.class);
        RuntimeThenApi chain = current.get(RuntimeThenApi.SPEC.id(), RuntimeThenApi.class);
        Duration longest =
                later(sequence.window().plus(sequence.grace()), chain.window().plus(chain.grace()));
        for (WindowedKind kind : WINDOWED) {
            WindowedDetector windowed = current.get(kind.id(), kind.type());
            longest = later(longest, windowed.window().plus(windowed.grace()));
        }
        return longest.plus(ActorWindows.CLOSE_EVERY).plusSeconds(1);
    }

    private static Duration later(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Adds group F to {@code builder}: {@code observed} are the detection step's observations,
     * {@code alerts} its alerts (those that start a sequence are taken from there). Returns group
     * F's alerts, keyed by fingerprint like every alert.
     */
    /** Where a part of group F sends its alerts: each part gets its own sink, named after it. */
    @FunctionalInterface
    public interface AlertSink {
        void send(KStream<String, Alert> alerts, String name);
    }

    /**
     * Adds group F to {@code builder}. Its four parts (the per-actor detectors, the runtime join,
     * token reuse, the workloads' images) each send their alerts to {@code sink} on their own: merged into one stream they
     * would make one task of all their input topics, whose stream time would be the newest of all of
     * them, so one topic read ahead would make another's observations late, and every record would
     * pay for checking five input queues.
     */
    public void build(
            StreamsBuilder builder,
            KStream<String, Alert> alerts,
            KStream<String, Observation> observed,
            AlertSink sink) {
        KStream<String, Observation> starts = alerts.filter(
                        (fingerprint, alert) -> alert.time() != null && startsSequence(alert),
                        Named.as("stateful-sequence-starts"))
                .mapValues(Observation::startOf, Named.as("stateful-sequence-start"));
        // An observation without an event time cannot be placed in a window or a sequence.
        KStream<String, Observation> input = observed.filter(
                        (key, observation) -> observation.time() != null, Named.as("stateful-input"))
                .merge(starts, Named.as("stateful-input-starts"));
        KStream<String, Observation> byActor = regroup(
                input.filter((key, observation) -> perActor(observation), Named.as("stateful-actor-input"))
                        .selectKey(
                                (key, observation) -> Observations.actorKey(observation),
                                Named.as("stateful-actor-key")),
                BY_ACTOR);

        KStream<String, Alert> perActor = windows(builder, byActor, WINDOWED.get(0));
        for (WindowedKind kind : WINDOWED.subList(1, WINDOWED.size())) {
            perActor = perActor.merge(windows(builder, byActor, kind), Named.as(kind.merge()));
        }
        perActor = perActor.merge(firstSeen(builder, byActor), Named.as("stateful-merge-first-seen"))
                .merge(sequences(builder, byActor), Named.as("stateful-merge-sequences"));
        sink.send(perActor, "stateful-by-actor");
        sink.send(runtimeThenApi(builder, input), RuntimeThenApi.SPEC.id());
        sink.send(tokenReuse(builder, input), TokenReuse.SPEC.id());
        sink.send(workloadContainerAdded(builder, input), WorkloadContainerAdded.SPEC.id());
    }

    private static boolean perActor(Observation observation) {
        String id = observation.detector();
        return WINDOWED_IDS.contains(id)
                || FirstSeenAccess.SPEC.id().equals(id)
                || RbacThenWorkload.SPEC.id().equals(id)
                || observation.isSequenceStart();
    }

    private boolean startsSequence(Alert alert) {
        return current.get(RbacThenWorkload.SPEC.id(), RbacThenWorkload.class).starts(alert);
    }

    private KStream<String, Alert> windows(
            StreamsBuilder builder, KStream<String, Observation> byActor, WindowedKind kind) {
        String id = kind.id();
        Class<? extends WindowedDetector> type = kind.type();
        String store = kind.store();
        WindowedDetector detector = current.get(id, type);
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                windowStore(store, ActorWindows.retention(detector.window(), detector.grace()), detector.window()),
                Serdes.String(),
                StateSerdes.actorWindow()));
        return byActor.filter((actor, observation) -> id.equals(observation.detector()), Named.as(id + "-observed"))
                .process(
                        () -> new ActorWindows(id, store, detector.window(), detector.grace(), type, current, listener),
                        Named.as(id),
                        store);
    }

    private KStream<String, Alert> firstSeen(StreamsBuilder builder, KStream<String, Observation> byActor) {
        FirstSeenAccess detector = current.get(FirstSeenAccess.SPEC.id(), FirstSeenAccess.class);
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(keyValueStore(FIRST_SEEN_LAST_ACCESS), Serdes.String(), Serdes.Long()),
                Map.of()));
        return byActor.filter(
                        (actor, observation) -> FirstSeenAccess.SPEC.id().equals(observation.detector()),
                        Named.as("first-seen-access-observed"))
                .process(
                        () -> new FirstSeenTracker(FIRST_SEEN_LAST_ACCESS, detector.retention(), current),
                        Named.as(FirstSeenAccess.SPEC.id()),
                        FIRST_SEEN_LAST_ACCESS);
    }

    private KStream<String, Alert> sequences(StreamsBuilder builder, KStream<String, Observation> byActor) {
        RbacThenWorkload detector = current.get(RbacThenWorkload.SPEC.id(), RbacThenWorkload.class);
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                windowStore(RBAC_STARTS, SequenceMatcher.startsRetention(detector.window(), detector.grace()), POINT),
                Serdes.String(),
                StateSerdes.sequenceStarts()));
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                windowStore(RBAC_FOLLOW_UPS, SequenceMatcher.followUpsRetention(detector.grace()), POINT),
                Serdes.String(),
                StateSerdes.followUps()));
        return byActor.filter(
                        (actor, observation) -> RbacThenWorkload.SPEC.id().equals(observation.detector())
                                || observation.isSequenceStart(),
                        Named.as("rbac-then-workload-observed"))
                .process(
                        () -> new SequenceMatcher(
                                RBAC_STARTS, RBAC_FOLLOW_UPS, detector.window(), detector.grace(), current, listener),
                        Named.as(RbacThenWorkload.SPEC.id()),
                        RBAC_STARTS,
                        RBAC_FOLLOW_UPS);
    }

    private KStream<String, Alert> runtimeThenApi(StreamsBuilder builder, KStream<String, Observation> input) {
        String id = RuntimeThenApi.SPEC.id();
        RuntimeThenApi detector = current.get(id, RuntimeThenApi.class);
        Duration lateAfter = detector.window().plus(detector.grace());
        // Both sides through one topic: a pod's Falco alerts and requests stay in one partition, in
        // the order they were written, so neither side runs ahead of the other; and the join's task
        // reads a single partition (with two, Kafka Streams 4.4 formatted log messages for the side
        // that is empty, nearly always the Falco one, on every record: 7 % of the stream thread).
        KStream<String, Observation> byPod = regroup(
                        input.filter(
                                        (key, observation) ->
                                                id.equals(observation.detector()) && observation.pod() != null,
                                        Named.as("runtime-then-api-observed"))
                                .selectKey(
                                        (key, observation) -> RuntimeThenApi.podKey(observation),
                                        Named.as("runtime-then-api-pod-key")),
                        RUNTIME_BY_POD)
                .processValues(() -> new OnTime<>(id, lateAfter, listener), Named.as("runtime-then-api-on-time"));
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(
                        keyValueStore(RUNTIME_FALCO_ALERTS), Serdes.String(), StateSerdes.podAlerts()),
                Map.of()));
        // Every request made with a pod's token waits here for the window and grace: the compact
        // form matters most in this store.
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                windowStore(
                        RUNTIME_REQUESTS,
                        RuntimeJoin.requestsRetention(detector.window(), lateAfter),
                        RuntimeJoin.bucket(detector.window())),
                Serdes.String(),
                observationSerde));
        builder.addStateStore(WindowChangelogs.builder(
                stores,
                windowStore(RUNTIME_ALERTED, FirstMatchGate.retention(detector.window(), detector.grace()), POINT),
                Serdes.String(),
                Serdes.Long()));
        return byPod.process(
                        () -> new RuntimeJoin(RUNTIME_FALCO_ALERTS, RUNTIME_REQUESTS, detector.window(), lateAfter),
                        Named.as(RUNTIME_JOIN),
                        RUNTIME_FALCO_ALERTS,
                        RUNTIME_REQUESTS)
                .process(() -> new FirstMatchGate(RUNTIME_ALERTED, current), Named.as(id), RUNTIME_ALERTED);
    }

    private KStream<String, Alert> tokenReuse(StreamsBuilder builder, KStream<String, Observation> input) {
        String id = TokenReuse.SPEC.id();
        TokenReuse detector = current.get(id, TokenReuse.class);
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(
                        keyValueStore(TOKEN_CREDENTIALS), Serdes.String(), StateSerdes.credentialUses()),
                Map.of()));
        KStream<String, Observation> uses = input.filter(
                        (key, observation) -> id.equals(observation.detector()) && observation.credentialId() != null,
                        Named.as("token-reuse-observed"))
                .selectKey(
                        (key, observation) -> TokenReuse.credentialKey(observation),
                        Named.as("token-reuse-credential-key"))
                .processValues(RecentUses::new, Named.as("token-reuse-recent-uses"));
        return regroup(uses, BY_CREDENTIAL)
                .process(
                        () -> new TokenReuseTracker(TOKEN_CREDENTIALS, detector.retention(), current),
                        Named.as(id),
                        TOKEN_CREDENTIALS);
    }

    private KStream<String, Alert> workloadContainerAdded(StreamsBuilder builder, KStream<String, Observation> input) {
        String id = WorkloadContainerAdded.SPEC.id();
        WorkloadContainerAdded detector = current.get(id, WorkloadContainerAdded.class);
        builder.addStateStore(stores.changelogged(
                Stores.keyValueStoreBuilder(
                        keyValueStore(WORKLOAD_IMAGES), Serdes.String(), StateSerdes.workloadImages()),
                Map.of()));
        KStream<String, Observation> writes = input.filter(
                        (key, observation) -> id.equals(observation.detector()), Named.as(id + "-observed"))
                .selectKey(
                        (key, observation) -> WorkloadContainerAdded.workloadKey(observation),
                        Named.as(id + "-workload-key"));
        return regroup(writes, BY_WORKLOAD)
                .process(
                        () -> new WorkloadImagesTracker(WORKLOAD_IMAGES, detector.retention(), current),
                        Named.as(id),
                        WORKLOAD_IMAGES);
    }

    private KStream<String, Observation> regroup(KStream<String, Observation> keyed, String name) {
        return regrouping.regroup(keyed, name, observationSerde);
    }

    private WindowBytesStoreSupplier windowStore(String name, Duration retention, Duration size) {
        return stores.window(name, retention, size);
    }

    private KeyValueBytesStoreSupplier keyValueStore(String name) {
        return stores.keyValue(name);
    }
}
