package io.tenantwatch.detectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Writes one tombstone for a sentinel key into every persistent store of a task soon after the
 * task starts, so that each store has a changelog offset to checkpoint when the service stops.
 *
 * <p>Why: under exactly-once, Kafka Streams treats a task as corrupted when one of its persistent
 * stores has no committed offset while the task's state directory holds anything at all, and then
 * wipes the task and restores every store from its changelog. A store that has not been written
 * since it was created has no offset (Kafka Streams 4.4 keeps a segmented store's offsets in its
 * segments, and such a store has none), and a windowed detector's store (no denied requests yet,
 * no Falco alert yet) is often in that state. Without this, every restart, however clean the
 * shutdown, logged {@code TaskCorruptedException} and rebuilt all state.
 *
 * <p>The tombstone is a delete of a key no detector uses, at timestamp 0 for window stores (so it
 * can never advance a store's notion of stream time); it changes no state. Applied to every
 * processor of the topology as Kafka Streams' processor wrapper; each processor primes the stores
 * it can reach and ignores the rest. (A DSL join's window stores keep duplicates and so take no
 * tombstone into a segment: that is one reason group F joins Falco alerts to requests in a
 * processor of its own.)
 */
public final class StorePriming implements ProcessorWrapper {

    /** The config key under which {@link DetectionTopology} names the persistent stores to prime. */
    public static final String STORES_CONFIG = "tenantwatch.primed.stores";

    static final String SENTINEL = "\u0000tenantwatch-store-priming";
    private static final Duration DELAY = Duration.ofSeconds(1);

    private List<String> stores = List.of();

    @Override
    public void configure(Map<String, ?> configs) {
        Object names = configs.get(STORES_CONFIG);
        if (names instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(n -> out.add(String.valueOf(n)));
            stores = List.copyOf(out);
        }
    }

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        List<String> names = stores;
        return new WrappedProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                Processor<KIn, VIn, KOut, VOut> delegate = supplier.get();
                return new Processor<>() {
                    private Cancellable primer;

                    @Override
                    public void init(ProcessorContext<KOut, VOut> context) {
                        delegate.init(context);
                        primer = schedule(context, names, () -> primer);
                    }

                    @Override
                    public void process(Record<KIn, VIn> record) {
                        delegate.process(record);
                    }

                    @Override
                    public void close() {
                        delegate.close();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        List<String> names = stores;
        return new WrappedFixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                FixedKeyProcessor<KIn, VIn, VOut> delegate = supplier.get();
                return new FixedKeyProcessor<>() {
                    private Cancellable primer;

                    @Override
                    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
                        delegate.init(context);
                        primer = schedule(context, names, () -> primer);
                    }

                    @Override
                    public void process(FixedKeyRecord<KIn, VIn> record) {
                        delegate.process(record);
                    }

                    @Override
                    public void close() {
                        delegate.close();
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    /** The stores of {@code names} this processor can reach, each primed once by a wall-clock punctuation. */
    private static Cancellable schedule(
            org.apache.kafka.streams.processor.api.ProcessingContext context,
            List<String> names,
            java.util.function.Supplier<Cancellable> self) {
        List<StateStore> reachable = new ArrayList<>();
        for (String name : names) {
            try {
                StateStore store = context.getStateStore(name);
                if (store != null) {
                    reachable.add(store);
                }
            } catch (RuntimeException notConnected) {
                // this processor has no access to that store: another processor primes it
            }
        }
        if (reachable.isEmpty()) {
            return null;
        }
        return context.schedule(DELAY, PunctuationType.WALL_CLOCK_TIME, now -> {
            for (StateStore store : reachable) {
                prime(store);
            }
            Cancellable me = self.get();
            if (me != null) {
                me.cancel();
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void prime(StateStore store) {
        try {
            if (store instanceof WindowStore window) {
                window.put(SENTINEL, null, 0L);
            } else if (store instanceof KeyValueStore kv) {
                kv.delete(SENTINEL);
            }
        } catch (ClassCastException | org.apache.kafka.common.errors.SerializationException otherKeys) {
            // a store whose keys are not strings: not one of ours, left alone
        }
    }
}
