package io.tenantwatch.testkit.kafka;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft cluster of one combined node (broker and controller) from Kafka's own test kit,
 * set up so that one broker is enough: the shared {@link TestBroker}, and a test that needs a
 * broker of its own (one that only speaks SASL, say).
 */
public final class SingleNodeKafka {

    private SingleNodeKafka() {}

    /** Started and ready; the caller closes it. */
    public static KafkaClusterTestKit start(SecurityProtocol protocol) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(protocol)
                        .setControllerSecurityProtocol(protocol)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build())
                // one broker: internal topics must not wait for replicas that never come, and
                // the first consumer group must not sit out the default 3 s rebalance delay
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }
}
