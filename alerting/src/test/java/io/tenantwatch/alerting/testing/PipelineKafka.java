package io.tenantwatch.alerting.testing;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics of their own for one test on the shared test broker, and what a test reads back from Kafka. */
public final class PipelineKafka {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private PipelineKafka() {}

    /** {@code tw.alerts} (3 partitions), the retry topic and the DLQ under a fresh prefix. */
    public static Topics freshTopics() throws Exception {
        Topics topics = Topics.withPrefix("t" + SEQ.incrementAndGet() + "-" + System.nanoTime() + ".");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.alerts(), 3, (short) 1),
                            new NewTopic(topics.alertsRetry(), 2, (short) 1),
                            new NewTopic(topics.dlq(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        return topics;
    }

    public static void produce(Topics topics, List<Alert> alerts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(
                                topics.alerts(),
                                a.fingerprint(),
                                JsonSerde.alert().serializer().serialize(topics.alerts(), a)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    public static void produceRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** The group's committed offsets on {@code topic}, by partition (absent = none committed). */
    public static Map<Integer, Long> committed(String group, String topic) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            offsets.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    out.put(tp.partition(), om.offset());
                }
            });
        }
        return out;
    }

    /** End offsets of {@code topic}, by partition, leaving out empty partitions. */
    public static Map<Integer, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r =
                    admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
            r.forEach((tp, info) -> {
                if (info.offset() > 0) {
                    out.put(tp.partition(), info.offset());
                }
            });
        }
        return out;
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers());
        return Admin.create(p);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
