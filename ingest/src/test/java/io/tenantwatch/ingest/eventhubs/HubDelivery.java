package io.tenantwatch.ingest.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.EventBatchContext;
import com.azure.messaging.eventhubs.models.PartitionContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.eventhubs.checkpoint.KafkaCheckpointStore;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Delivers message bodies through the Event Hubs bridge's batch handler into any Kafka (for tests
 * of other modules that need the Event Hubs entry point on their own broker): one batch of
 * received events, with the SDK's own types, on partition 0 of one hub, written with the real
 * writer and checkpointed in the real checkpoint store.
 */
public final class HubDelivery {

    private HubDelivery() {}

    /**
     * @param falco   a falcosidekick hub (true) or an AKS diagnostic-log hub (false)
     * @param cluster the cluster the hub's events are bound to
     */
    public static void deliver(
            String bootstrapServers, Topics topics, boolean falco, String cluster, List<byte[]> bodies) {
        HubBinding binding = new HubBinding(
                        falco ? HubKind.FALCO : HubKind.AUDIT,
                        HubFixture.NAMESPACE,
                        falco ? "falco" : "aks-audit",
                        HubFixture.GROUP,
                        cluster,
                        null,
                        HubCredential.azureIdentity(),
                        HubTransport.AMQP)
                .validate("test");
        Properties kafka = new Properties();
        kafka.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String checkpoints = "tw.test.checkpoints." + binding.eventHub();
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(checkpoints, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create " + checkpoints, e);
            }
        }
        List<EventData> events = new ArrayList<>();
        long sequence = 0;
        for (byte[] body : bodies) {
            events.add(ReceivedEvents.event(body, sequence++, Instant.now()));
        }
        try (KafkaEventWriter writer =
                        new KafkaEventWriter(KafkaEventWriter.producerProperties(bootstrapServers), topics, 10_000);
                KafkaCheckpointStore store = new KafkaCheckpointStore(kafka, checkpoints, Duration.ofSeconds(20))) {
            HubIngest ingest = HubIngest.create(
                    binding,
                    binding.eventHub(),
                    new InputReader(),
                    writer,
                    Duration.ofSeconds(10),
                    () -> false,
                    new SimpleMeterRegistry());
            new BatchHandler(ingest, binding.eventHub())
                    .accept(new EventBatchContext(
                            new PartitionContext(HubFixture.NAMESPACE, binding.eventHub(), HubFixture.GROUP, "0"),
                            events,
                            store,
                            ReceivedEvents.lastEnqueued(sequence - 1, Instant.now())));
        }
    }
}
