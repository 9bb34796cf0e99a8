package io.tenantwatch.testkit.kafka;

import io.tenantwatch.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real in-JVM KRaft broker ({@link SingleNodeKafka}) for every test class that asks for it with
 * {@code @ExtendWith(TestBroker.class)}; started once per test JVM, closed when the test run ends,
 * so a module's broker tests pay for one start-up. Topics are created up front, with several
 * partitions for {@code tw.normalized} so that keying matters.
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
        running =
                context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
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
            KafkaClusterTestKit cluster = SingleNodeKafka.start(SecurityProtocol.PLAINTEXT);
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(
                                new NewTopic(topics().normalized(), 3, (short) 1),
                                new NewTopic(topics().dlq(), 1, (short) 1),
                                new NewTopic(topics().tenancy(), 2, (short) 1)
                                        .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            return new Running(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }
}
