package io.tenantwatch.ingest.kafka;

import io.tenantwatch.schemas.Topics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real in-JVM KRaft broker (one combined node) for every test class that asks for it with
 * {@code @ExtendWith(TestBroker.class)}; started once, closed when the test run ends. Topics are
 * created up front, with several partitions for {@code tw.normalized} so that keying matters.
 */
public final class TestBroker implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestBroker.class);
    private static volatile Running running;

    /** Held in the root store, which closes AutoCloseable values at the end of the run. */
    private record Running(KafkaClusterTestKit cluster) implements AutoCloseable {
        @Override
        public void close() {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the test broker", e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
    }

    public static String bootstrapServers() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(TestBroker.class)");
        }
        return running.cluster().bootstrapServers();
    }

    public static Topics topics() {
        return Topics.defaults();
    }

    private static Running start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build())
                    // one broker: internal topics must not wait for replicas that never come, and
                    // the first consumer group must not sit out the default 3 s rebalance delay
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(
                        new NewTopic(topics().normalized(), 3, (short) 1),
                        new NewTopic(topics().dlq(), 1, (short) 1),
                        new NewTopic(topics().tenancy(), 2, (short) 1)
                                .configs(java.util.Map.of("cleanup.policy", "compact"))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            return new Running(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }
}
