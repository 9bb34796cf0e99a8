package io.tenantwatch.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.alerting.delivery.DeadLetters;
import io.tenantwatch.alerting.delivery.Delivery;
import io.tenantwatch.alerting.delivery.RetryTopic;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.sinks.Sink;
import io.tenantwatch.alerting.sinks.Sinks;
import io.tenantwatch.alerting.suppress.Suppressor;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting pipeline of the service: one thread with a plain read_committed consumer of
 * {@code tw.alerts} and {@code tw.alerts.retry}, committing by hand. Each alert is suppressed or
 * grouped ({@link Suppressor}, wall clock), routed ({@link Routes}) and handed to its sinks
 * ({@link Delivery}); a delivery that fails is parked on the retry topic and tried again from
 * there with backoff, until it succeeds or, after the maximum attempts, goes to the DLQ. An
 * offset is committed only once every routed sink has the record's alert, or it is parked or
 * dead-lettered, so a restart or a rebalance loses nothing (it may send an alert twice; its
 * {@code id} is the receivers' idempotency key).
 *
 * <pre>
 * AutoCloseable alerting = AlertPipeline.start(bootstrapServers, topics, routes, registry);
 * </pre>
 */
public final class AlertPipeline implements AutoCloseable {

    public static final String GROUP_ID = "tenantwatch-alerting";

    private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Everything the pipeline needs; {@link #of} fills in the defaults (group
     * {@value #GROUP_ID}, the process's stdout, the system clock, random jitter).
     */
    public record Config(
            KafkaConnection kafka,
            Topics topics,
            Routes routes,
            MeterRegistry registry,
            String groupId,
            PrintWriter stdout,
            Clock clock,
            DoubleSupplier jitter) {

        /** @param kafka the cluster, with the connection settings every client of the service uses */
        public static Config of(KafkaConnection kafka, Topics topics, Routes routes, MeterRegistry registry) {
            return new Config(
                    kafka,
                    topics,
                    routes,
                    registry,
                    GROUP_ID,
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    Clock.systemUTC(),
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        /** A cluster reached in plaintext with the clients' defaults. */
        public static Config of(String bootstrapServers, Topics topics, Routes routes, MeterRegistry registry) {
            return of(KafkaConnection.plain(bootstrapServers), topics, routes, registry);
        }

        public Config withGroupId(String id) {
            return new Config(kafka, topics, routes, registry, id, stdout, clock, jitter);
        }

        public Config withStdout(PrintWriter out) {
            return new Config(kafka, topics, routes, registry, groupId, out, clock, jitter);
        }
    }

    private final Config config;
    private final AlertingMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Delivery delivery;
    private final AlertFlow flow;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private AlertPipeline(Config config) {
        this.config = config;
        this.metrics = new AlertingMetrics(config.registry());
        Duration timeout = config.routes().delivery().timeout();
        Map<String, Sink> sinks = Sinks.build(
                config.routes().source(),
                config.routes().sinks().values(),
                new Sinks.Context(config.clock(), timeout, config.kafka(), config.stdout()));
        this.delivery = new Delivery(sinks, config.routes().delivery(), config.clock(), config.jitter(), metrics);
        this.producer = new KafkaProducer<>(
                producerProperties(config.kafka(), timeout), new StringSerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(
                consumerProperties(config.kafka(), config.groupId()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.flow = new AlertFlow(
                config.topics(),
                config.routes(),
                config.clock(),
                delivery,
                metrics,
                new RetryTopic(producer, config.topics().alertsRetry(), timeout),
                new DeadLetters(producer, config.topics().dlq(), timeout));
        metrics.waiting(flow::waiting);
        this.thread = new Thread(this::run, "tenantwatch-alerting");
        this.thread.setDaemon(true);
    }

    /** Starts the pipeline with the defaults of {@link Config#of}. */
    public static AlertPipeline start(String bootstrapServers, Topics topics, Routes routes, MeterRegistry registry) {
        return start(Config.of(bootstrapServers, topics, routes, registry));
    }

    /**
     * @throws io.tenantwatch.schemas.config.ConfigException when a sink cannot be built (its message names the sink)
     */
    public static AlertPipeline start(Config config) {
        AlertPipeline pipeline = new AlertPipeline(config);
        pipeline.thread.start();
        return pipeline;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topics().alerts(), config.topics().alertsRetry()), new Rebalance());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(flow.nextWait(MAX_POLL_WAIT));
                for (ConsumerRecord<String, byte[]> record : records) {
                    flow.accept(record);
                }
                flow.tick();
                throttleRetries();
                commit();
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("alerting pipeline stopped: {}", e.toString(), e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn(
                        "alerting: last commit failed ({}); unfinished alerts are read again on restart", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> positions = flow.ledger().advance();
        if (!positions.isEmpty()) {
            consumer.commitSync(positions);
        }
    }

    /** Stops reading the retry topic while many parked deliveries already wait in memory. */
    private void throttleRetries() {
        List<TopicPartition> retryPartitions = consumer.assignment().stream()
                .filter(tp -> tp.topic().equals(config.topics().alertsRetry()))
                .toList();
        if (retryPartitions.isEmpty()) {
            return;
        }
        if (flow.waiting() > AlertFlow.MAX_WAITING) {
            consumer.pause(retryPartitions);
        } else if (flow.waiting() < AlertFlow.MAX_WAITING / 2
                && !consumer.paused().isEmpty()) {
            consumer.resume(retryPartitions);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit();
            } catch (KafkaException e) {
                LOG.warn(
                        "alerting: commit before rebalance failed ({}); the new owner re-sends some alerts",
                        e.toString());
            }
            flow.revoke(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            flow.revoke(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    }

    /** Null while the pipeline runs; else why it stopped. */
    public Throwable failure() {
        return failure;
    }

    public boolean running() {
        return thread.isAlive() && failure == null;
    }

    /**
     * Stops reading, commits what is finished and closes the sinks. Alerts not yet delivered
     * (repeats of open groups, deliveries waiting in memory) are read again by the next start.
     */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        delivery.close();
        metrics.close();
    }

    static Properties consumerProperties(KafkaConnection kafka, String groupId) {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning: an alert written before the first start is not lost.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Bounds the work between two polls (each delivery may take up to the sink timeout).
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenantwatch-alerting");
        return p;
    }

    static Properties producerProperties(KafkaConnection kafka, Duration timeout) {
        Properties p = kafka.properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "tenantwatch-alerting-retry");
        return p;
    }
}
