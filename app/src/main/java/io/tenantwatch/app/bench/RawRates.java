package io.tenantwatch.app.bench;

import io.tenantwatch.schemas.KafkaCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's own rates on the bench's bytes: a plain producer (acks=all, idempotent, lz4, the
 * settings of ingest's writer) writes every measured record to a scratch topic, and a plain
 * consumer reads them back. What the service does on top is the difference.
 */
final class RawRates {

    private static final String TOPIC = "tenantwatch-bench-raw";

    private final String bootstrapServers;
    private final int partitions;

    RawRates(String bootstrapServers, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    /** Events per second produced, then consumed. */
    double[] measure(TrafficFile traffic) {
        createTopic();
        int from = traffic.firstMeasured();
        int to = traffic.records();
        long events = traffic.events(from, to);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long produceNanos;
        // Only what the broker acknowledged can be read back: on a starved machine an idempotent
        // producer's retry can be refused for good, and waiting for all of it would wait out the deadline.
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, traffic.copy(i)), (metadata, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            produceNanos = System.nanoTime() - start;
        }

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long consumeNanos;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                all.add(new TopicPartition(TOPIC, i));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            while (read < acked.get() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                read += records.count();
            }
            consumeNanos = System.nanoTime() - start;
        }
        // The rates count what arrived: all of it, unless the broker refused some for good.
        double arrived = events * (double) acked.get() / (to - from);
        return new double[] {arrived * 1e9 / produceNanos, arrived * 1e9 / consumeNanos};
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            KafkaCallException.await(
                    admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
                            .all(),
                    Duration.ofSeconds(30),
                    "create the scratch topic " + TOPIC);
        }
    }
}
