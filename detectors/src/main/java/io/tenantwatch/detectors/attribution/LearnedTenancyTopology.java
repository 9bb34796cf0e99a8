package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Topics;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection topology's part that learns tenancy from namespace events (docs/tenancy.md,
 * "Learning tenancy from the audit stream"): {@link NamespaceLearner}s with their changelogged
 * store write {@link io.tenantwatch.schemas.NamespaceTenancy} records, keyed like {@code tw.tenancy},
 * to the compacted topic {@link Topics#learnedTenancy()}, which every instance reads back as the
 * global store {@link #GLOBAL_STORE}. A global store, because tenancy is asked about namespaces
 * other than the event's own (a service account's home namespace), which other tasks learn; a topic
 * of its own, because {@code tw.tenancy} belongs to the directory, which must keep winning.
 * Written in the same transaction as the input offsets, so exactly-once holds; the global consumer
 * reads committed records only.
 */
public final class LearnedTenancyTopology {

    /** Per task: what each namespace's events taught, the base for the next relabel. Changelogged. */
    public static final String STATE_STORE = "tenancy-learned-state";
    /** Every instance: all learned tenancy, from {@link Topics#learnedTenancy()}. */
    public static final String GLOBAL_STORE = "tenancy-learned";

    private final Topics topics;
    private final LearnedTenancy learned;
    private final List<String> namespaceLabels;
    private final boolean persistent;

    public LearnedTenancyTopology(
            Topics topics, LearnedTenancy learned, List<String> namespaceLabels, boolean persistent) {
        this.topics = topics;
        this.learned = learned;
        this.namespaceLabels = List.copyOf(namespaceLabels);
        this.persistent = persistent;
    }

    /** Learns from creates; call before {@code deduped} is attributed, so that it runs first. */
    public void learnBeforeAttribution(StreamsBuilder builder, KStream<String, NormalizedEvent> deduped) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                persistent ? Stores.persistentKeyValueStore(STATE_STORE) : Stores.inMemoryKeyValueStore(STATE_STORE),
                Serdes.String(),
                new JsonSerde<>(LearnedNamespace.class)));
        // In memory everywhere, like tw.tenancy's store: attribution reads it several times per
        // event, and the compacted topic, one small record per namespace, is read again at start.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(GLOBAL_STORE), Serdes.String(), JsonSerde.tenancyRecord())
                        .withLoggingDisabled(), // the topic is its changelog
                topics.learnedTenancy(),
                Consumed.with(Serdes.String(), JsonSerde.tenancyRecord())
                        .withTimestampExtractor(new LogAndSkipOnInvalidTimestamp())
                        .withName("learned-tenancy-source"),
                () -> new TenancyStoreUpdater(GLOBAL_STORE));
        learn(deduped, NamespaceLearner.BEFORE_ATTRIBUTION, "learn-tenancy-from-creates");
    }

    /** Learns from relabels and deletes, once the event itself has been attributed. */
    public void learnAfterAttribution(KStream<String, NormalizedEvent> attributed) {
        learn(attributed, NamespaceLearner.AFTER_ATTRIBUTION, "learn-tenancy-from-changes");
    }

    private void learn(KStream<String, NormalizedEvent> events, Set<String> verbs, String name) {
        events.process(
                        () -> new NamespaceLearner(verbs, learned, namespaceLabels, STATE_STORE, GLOBAL_STORE),
                        Named.as(name),
                        STATE_STORE)
                .to(
                        topics.learnedTenancy(),
                        Produced.with(Serdes.String(), JsonSerde.tenancyRecord())
                                .withName(name + "-sink"));
    }
}
