package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Measures group F's per-actor state for N distinct actors (default 100,000) active in one
 * window: each actor is denied once (a {@code forbidden-burst} window) and reads one Secret in its
 * tenant (a {@code secret-enumeration} window and a {@code first-seen-access} entry). The
 * observations come from the detectors' own {@code examine} on attributed events and go through
 * the production processors into in-memory stores built as the topology builds them, so the heap
 * held is the state and nothing else (no test driver queues, no dedup). Prints the entries and
 * serialized bytes of each store, a full window's bytes, and the heap held after garbage
 * collection, before and after. {@link StateSizeTest} runs it in a JVM given the service's heap;
 * docs/state-size.md reports the numbers.
 */
public final class StateSizeMeasurement {

    private static final Instant WINDOW_START = Instant.parse("2024-05-14T09:10:00Z");

    private StateSizeMeasurement() {}

    public static void main(String[] args) throws Exception {
        int actors = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        CurrentDetectors current = new CurrentDetectors(DetectorRegistry.builtIn());
        ForbiddenBurst burstDetector = current.get(ForbiddenBurst.SPEC.id(), ForbiddenBurst.class);
        SecretEnumeration enumerationDetector = current.get(SecretEnumeration.SPEC.id(), SecretEnumeration.class);
        FirstSeenAccess firstSeenDetector = current.get(FirstSeenAccess.SPEC.id(), FirstSeenAccess.class);

        MockProcessorContext<String, Alert> context = new MockProcessorContext<>();
        Serde<ActorWindow> windowSerde = StateSerdes.actorWindow();
        WindowStore<String, ActorWindow> burstStore = add(
                context,
                Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(
                                StatefulTopology.FORBIDDEN_BURST_WINDOWS,
                                ActorWindows.retention(burstDetector.window(), burstDetector.grace()),
                                burstDetector.window(),
                                false),
                        Serdes.String(),
                        windowSerde));
        WindowStore<String, ActorWindow> enumerationStore = add(
                context,
                Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(
                                StatefulTopology.SECRET_ENUMERATION_WINDOWS,
                                ActorWindows.retention(enumerationDetector.window(), enumerationDetector.grace()),
                                enumerationDetector.window(),
                                false),
                        Serdes.String(),
                        windowSerde));
        KeyValueStore<String, Long> firstSeenStore = add(
                context,
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StatefulTopology.FIRST_SEEN_LAST_ACCESS),
                        Serdes.String(),
                        Serdes.Long()));

        Processor<String, Observation, String, Alert> burst = new ActorWindows(
                ForbiddenBurst.SPEC.id(),
                StatefulTopology.FORBIDDEN_BURST_WINDOWS,
                burstDetector.window(),
                burstDetector.grace(),
                ForbiddenBurst.class,
                current,
                DetectionListener.NONE);
        Processor<String, Observation, String, Alert> enumeration = new ActorWindows(
                SecretEnumeration.SPEC.id(),
                StatefulTopology.SECRET_ENUMERATION_WINDOWS,
                enumerationDetector.window(),
                enumerationDetector.grace(),
                SecretEnumeration.class,
                current,
                DetectionListener.NONE);
        Processor<String, Observation, String, Alert> firstSeen =
                new FirstSeenTracker(StatefulTopology.FIRST_SEEN_LAST_ACCESS, firstSeenDetector.retention(), current);
        burst.init(context);
        enumeration.init(context);
        firstSeen.init(context);

        long before = usedHeapAfterGc();
        long stepMs = Math.max(1, 9 * 60_000L / actors);
        for (int i = 0; i < actors; i++) {
            Actor actor = Identities.user(
                    "user" + i + "@contoso.com",
                    String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i),
                    TenancyFixtures.ALPHA_DEVELOPERS);
            Instant t = WINDOW_START.plusMillis(i * stepMs);
            context.setCurrentStreamTimeMs(t.toEpochMilli() + 1);
            feed(
                    burst,
                    burstDetector,
                    AuditEvents.by(actor)
                            .get("secrets", "alpha-prod", "db-" + (i % 50))
                            .forbidden()
                            .at(t)
                            .build());
            NormalizedEvent read = AuditEvents.by(actor)
                    .get("secrets", "alpha-prod", "app-" + (i % 50))
                    .at(t.plusMillis(1))
                    .build();
            feed(enumeration, enumerationDetector, read);
            feed(firstSeen, firstSeenDetector, read);
        }
        long after = usedHeapAfterGc();

        Stats burstStats = windows(burstStore, windowSerde);
        Stats enumerationStats = windows(enumerationStore, windowSerde);
        Stats firstSeenStats = keyValues(firstSeenStore);
        print("actors", actors);
        burstStats.print(StatefulTopology.FORBIDDEN_BURST_WINDOWS);
        enumerationStats.print(StatefulTopology.SECRET_ENUMERATION_WINDOWS);
        firstSeenStats.print(StatefulTopology.FIRST_SEEN_LAST_ACCESS);
        print("window.full.bytes", fullWindowBytes(windowSerde));
        print("runtime-then-api.request.bytes", requestBytes(current));
        print("token-reuse.credential.full.bytes", credentialBytes());
        print(
                "state.serialized.bytes.per.actor",
                (burstStats.bytes + enumerationStats.bytes + firstSeenStats.bytes) / actors);
        print("heap.before.mb", before >> 20);
        print("heap.after.mb", after >> 20);
        print("heap.max.mb", Runtime.getRuntime().maxMemory() >> 20);
        print("heap.bytes.per.actor", (after - before) / actors);
        // Keep the stores reachable until measured.
        System.out.println(
                "stores open: " + (burstStore.isOpen() && enumerationStore.isOpen() && firstSeenStore.isOpen()));
    }

    private static <S extends StateStore> S add(MockProcessorContext<String, Alert> context, StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** The detector's observation of the event, into its processor, keyed by actor as the repartition keys it. */
    private static void feed(
            Processor<String, Observation, String, Alert> processor,
            ObservingDetector detector,
            NormalizedEvent event) {
        List<Observation> observed = new ArrayList<>(1);
        detector.observe(new EventContext(event, TenancyFixtures.ATTRIBUTOR), observed::add);
        for (Observation observation : observed) {
            processor.process(new Record<>(
                    Observations.actorKey(observation),
                    observation,
                    event.time().toEpochMilli()));
        }
    }

    /** Entries and serialized bytes (key, window start, value) of one store. */
    private record Stats(long entries, long bytes) {
        void print(String store) {
            StateSizeMeasurement.print(store + ".entries", entries);
            StateSizeMeasurement.print(store + ".bytes.per.entry", entries == 0 ? 0 : bytes / entries);
        }
    }

    private static Stats windows(WindowStore<String, ActorWindow> store, Serde<ActorWindow> serde) {
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<Windowed<String>, ActorWindow> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, ActorWindow> kv = all.next();
                entries++;
                bytes += kv.key.key().getBytes(StandardCharsets.UTF_8).length
                        + Long.BYTES
                        + serde.serializer().serialize(store.name(), kv.value).length;
            }
        }
        return new Stats(entries, bytes);
    }

    private static Stats keyValues(KeyValueStore<String, Long> store) {
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                entries++;
                bytes += all.next().key.getBytes(StandardCharsets.UTF_8).length + Long.BYTES;
            }
        }
        return new Stats(entries, bytes);
    }

    /** The largest a window gets: 20 audit ids, 20 distinct values in each set, 10 addresses. */
    private static long fullWindowBytes(Serde<ActorWindow> serde) {
        List<String> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < Alert.Evidence.MAX_AUDIT_IDS; i++) {
            ids.add(String.format(Locale.ROOT, "4f6c1e2a-9b3d-4c5e-8f7a-%012d", i));
            values.add("beta-prod/payments-credentials-" + i);
        }
        for (int i = 0; i < ActorWindow.SOURCE_IPS_KEPT; i++) {
            ips.add("203.0.113." + (10 + i));
        }
        Alert.AlertActor actor = new Alert.AlertActor(
                "system:serviceaccount:alpha:deployer",
                ActorType.SERVICEACCOUNT,
                ActorClass.TENANT_MEMBER,
                List.of("system:serviceaccounts", "system:serviceaccounts:alpha", "system:authenticated"),
                null,
                null);
        ActorWindow full = new ActorWindow(
                0,
                1,
                2,
                250,
                TenancyFixtures.CLUSTER,
                actor,
                List.of("alpha"),
                Severity.HIGH,
                null,
                null,
                true,
                AuditEvents.KUBECTL,
                ids,
                ips,
                values,
                values);
        String key = TenancyFixtures.CLUSTER + Observations.SEPARATOR + actor.username();
        return serde.serializer().serialize("size", full).length
                + key.getBytes(StandardCharsets.UTF_8).length
                + Long.BYTES;
    }

    /** One API request made with a pod's token, as the runtime-then-api join keeps it (key and value). */
    private static long requestBytes(CurrentDetectors current) {
        Actor pod = new Actor(
                "system:serviceaccount:beta-prod:payments-api",
                "5b0c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e",
                List.of("system:serviceaccounts", "system:serviceaccounts:beta-prod", "system:authenticated"),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                "beta-prod",
                "payments-api-6c9f7d8b4-k2x7q",
                "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c",
                null);
        NormalizedEvent event = AuditEvents.by(pod).list("secrets", "beta-prod").build();
        List<Observation> observed = new ArrayList<>(1);
        current.get(RuntimeThenApi.SPEC.id(), RuntimeThenApi.class).observe(new EventContext(event), observed::add);
        Observation observation = observed.get(0);
        return new ObservationSerde().serializer().serialize("size", observation).length
                + RuntimeThenApi.podKey(observation).getBytes(StandardCharsets.UTF_8).length
                + Long.BYTES
                + Integer.BYTES;
    }

    /** A credential seen from the most pods and addresses kept. */
    private static long credentialBytes() {
        CredentialUses uses = CredentialUses.first(1, "4f6c1e2a-9b3d-4c5e-8f7a-000000000001");
        for (int i = 0; i < CredentialUses.SOURCE_IPS_KEPT; i++) {
            uses = uses.seen(2, "payments-api-6c9f7d8b4-k2x7" + i, "10.244.1." + (20 + i));
        }
        String key = TenancyFixtures.CLUSTER + Observations.SEPARATOR + "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c";
        return StateSerdes.credentialUses().serializer().serialize("size", uses).length
                + key.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void print(String name, long value) {
        System.out.println(name + "=" + value);
    }
}
