package io.tenantwatch.ingest.eventhubs;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.eventhubs.checkpoint.KafkaCheckpointStore;
import io.tenantwatch.ingest.kafka.EventWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Event Hubs bridge (docs/architecture.md, "Data flow"): AKS diagnostic logs and falcosidekick
 * alerts from Event Hubs into {@code tw.normalized} and {@code tw.dlq}, nothing lost. Each hub gets
 * an {@code EventProcessorClient} (or, with {@code transport=kafka}, a consumer of the namespace's
 * Kafka endpoint); every batch goes through the same reader as the HTTP receivers and is
 * checkpointed only once Kafka acknowledged it. Checkpoints and partition ownership live on
 * {@code tw.eventhubs.checkpoints} ({@link KafkaCheckpointStore}), so replicas share the
 * partitions with no Blob Storage account.
 *
 * <pre>
 * try (EventHubsBridge bridge = EventHubsBridge.start(options, writer, registry)) { … }
 * </pre>
 */
public final class EventHubsBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHubsBridge.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<String> hubs = new ArrayList<>();
    private volatile boolean stopping;

    private EventHubsBridge() {}

    /**
     * Validates the options, checks each hub once (namespace resolves, hub exists, credential
     * accepted; see {@link EventHubsOptions#preflightTimeout()}), then starts reading every hub.
     *
     * @param writer   where events and dead letters go; the bridge does not close it
     * @param registry where the bridge's meters go
     * @throws io.tenantwatch.schemas.config.ConfigException one line per problem, naming the option and the hub (exit 2)
     * @throws io.tenantwatch.schemas.KafkaCallException when the checkpoint topic cannot be read
     */
    public static EventHubsBridge start(EventHubsOptions options, EventWriter writer, MeterRegistry registry) {
        EventHubsOptions valid = options.validate();
        Preflight.check(valid);
        return startChecked(valid, writer, registry);
    }

    /** Starts validated options without the preflight (which needs the hubs reachable). */
    static EventHubsBridge startChecked(EventHubsOptions valid, EventWriter writer, MeterRegistry registry) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(registry, "registry");
        EventHubsBridge bridge = new EventHubsBridge();
        try {
            bridge.open(valid, writer, registry);
            return bridge;
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    private void open(EventHubsOptions options, EventWriter writer, MeterRegistry registry) {
        InputReader reader = new InputReader(options.limits());
        ProcessorSettings settings = options.processor();
        KafkaCheckpointStore store = null;
        if (options.hubs().stream().anyMatch(b -> b.transport() != HubTransport.KAFKA)) {
            store = new KafkaCheckpointStore(
                    options.kafkaProperties(), options.topics().eventHubsCheckpoints());
            started.push(store);
        }
        Map<String, Long> names = new HashMap<>();
        options.hubs().forEach(b -> names.merge(b.eventHub(), 1L, Long::sum));
        for (HubBinding b : options.hubs()) {
            // Hub names are the metric label; the namespace tells two hubs of the same name apart.
            String label =
                    names.get(b.eventHub()) > 1 ? b.fullyQualifiedNamespace() + "/" + b.eventHub() : b.eventHub();
            HubIngest ingest = HubIngest.create(
                    b, label, reader, writer, settings.writeAttemptTimeout(), () -> stopping, registry);
            if (b.transport() == HubTransport.KAFKA) {
                KafkaEndpointReader kafka = new KafkaEndpointReader(b, options.kafkaEndpointProperties(b), ingest);
                started.push(kafka);
                kafka.start();
            } else {
                HubProcessor processor = new HubProcessor(b, settings, store, ingest);
                started.push(() -> processor.stop(STOP_TIMEOUT));
                processor.start();
            }
            hubs.add(label);
            LOG.info(
                    "reading event hub {} ({}, {}, consumer group {}, {})",
                    label,
                    b.kind().label(),
                    b.fullyQualifiedNamespace(),
                    b.consumerGroup(),
                    b.transport().label());
        }
    }

    /** The hubs being read, as their metrics name them. */
    public List<String> hubs() {
        return List.copyOf(hubs);
    }

    /**
     * Stops reading: batches not yet in Kafka are given up unwritten and uncheckpointed (they are
     * read again at the next start), processors release their partitions, the store closes.
     */
    @Override
    public void close() {
        stopping = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("while stopping the Event Hubs bridge: {}", e.toString());
            }
        }
    }
}
