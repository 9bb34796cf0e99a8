package io.tenantwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.EventBatchContext;
import com.azure.messaging.eventhubs.models.PartitionContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.eventhubs.checkpoint.KafkaCheckpointStore;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One hub's processing path on the real broker, put together as the bridge does it, for driving
 * the processor's handler with the SDK's own context types: the real writer, the real checkpoint
 * store on a fresh topic, a meter registry to read the metrics back from.
 */
final class HubFixture implements AutoCloseable {

    static final String NAMESPACE = "tw-test.servicebus.windows.net";
    static final String GROUP = "tenantwatch";
    private static final AtomicInteger TOPICS = new AtomicInteger();

    final HubBinding binding;
    final String topic = CheckpointTopic.create("tw.eventhubs.checkpoints.hub-" + TOPICS.incrementAndGet(), 1);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final KafkaEventWriter kafka = new KafkaEventWriter(
            KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 10_000);
    final AtomicBoolean stopping = new AtomicBoolean();
    KafkaCheckpointStore store = store();

    HubFixture(HubBinding binding) {
        this.binding = binding;
    }

    KafkaCheckpointStore store() {
        return new KafkaCheckpointStore(CheckpointTopic.kafka(), topic, Duration.ofSeconds(20));
    }

    /** The bridge's handler for this hub, writing through {@code writer}. */
    BatchHandler handler(EventWriter writer) {
        return new BatchHandler(ingest(writer), binding.eventHub());
    }

    HubIngest ingest(EventWriter writer) {
        return HubIngest.create(
                binding, binding.eventHub(), new InputReader(), writer, Duration.ofSeconds(5), stopping::get, registry);
    }

    PartitionContext partition(String id) {
        return new PartitionContext(NAMESPACE, binding.eventHub(), GROUP, id);
    }

    /** A batch as the processor hands it over, with the partition's end as the service reports it. */
    EventBatchContext batch(String partition, List<EventData> events, long lastEnqueuedSequence) {
        return new EventBatchContext(
                partition(partition), events, store, ReceivedEvents.lastEnqueued(lastEnqueuedSequence, Instant.now()));
    }

    /** Partition id → checkpoint, as a restarted processor would find them. */
    Map<String, Checkpoint> checkpoints() {
        return store
                .listCheckpoints(NAMESPACE, binding.eventHub(), GROUP)
                .collectList()
                .block(Duration.ofSeconds(30))
                .stream()
                .collect(Collectors.toMap(Checkpoint::getPartitionId, c -> c));
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    Double gauge(String name, String... tags) {
        var g = registry.find(name).tags(tags).gauge();
        return g == null ? null : g.value();
    }

    @Override
    public void close() {
        store.close();
        kafka.close();
    }
}
