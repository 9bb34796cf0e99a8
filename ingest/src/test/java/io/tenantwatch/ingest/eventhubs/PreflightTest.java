package io.tenantwatch.ingest.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.eventhubs.checkpoint.KafkaCheckpointStore;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start-up: configuration errors end the start within seconds, before anything runs. */
@ExtendWith(TestBroker.class)
class PreflightTest {

    private static KafkaEventWriter writer() {
        return new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 10);
    }

    @Test
    void aNamespaceThatDoesNotResolveEndsTheStartWithinSeconds() {
        // .invalid never resolves (RFC 2606), here or anywhere
        HubBinding hub = HubSpec.parse(
                "kind=audit,namespace=tw-preflight.servicebus.invalid,hub=aks-audit,consumer-group=tenantwatch",
                "default",
                "--eventhubs");
        long start = System.nanoTime();
        try (KafkaEventWriter writer = writer()) {
            assertThatThrownBy(() -> EventHubsBridge.start(
                            EventHubsOptions.of(List.of(hub), TestBroker.bootstrapServers(), TestBroker.topics()),
                            writer,
                            new SimpleMeterRegistry()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("--eventhubs aks-audit: namespace 'tw-preflight.servicebus.invalid' does not resolve"
                            + " (no such Event Hubs namespace, or no DNS)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theProcessorIsBuiltFromTheBindingWithTheStoreAndBatchHandler() {
        // Building validates the SDK options (batch size and wait, intervals, credential) without
        // connecting; start() would then connect to Event Hubs, which is not reachable here.
        HubBinding hub = HubSpec.parse(
                        "kind=falco,namespace=tw-prod.servicebus.windows.net,hub=falco,consumer-group=tenantwatch,"
                                + "cluster=prod",
                        "default",
                        "--eventhubs")
                .validate("--eventhubs falco");
        String topic = CheckpointTopic.create("tw.eventhubs.checkpoints.preflight", 1);
        try (KafkaEventWriter writer = writer();
                KafkaCheckpointStore store = new KafkaCheckpointStore(CheckpointTopic.kafka(), topic)) {
            HubIngest ingest = HubIngest.create(
                    hub,
                    "falco",
                    new io.tenantwatch.ingest.InputReader(),
                    writer,
                    Duration.ofSeconds(5),
                    () -> false,
                    new SimpleMeterRegistry());
            HubProcessor processor = new HubProcessor(hub, ProcessorSettings.DEFAULTS, store, ingest);
            assertThat(processor.identifier()).isNotBlank();
        }
    }
}
