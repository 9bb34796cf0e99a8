package io.tenantwatch.app.service;

import io.tenantwatch.app.metrics.AlertMetrics;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.EventHeaders;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed alert of {@code tw.alerts} and hands it to the process's output (the
 * console of {@code run}, the table of {@code demo}, the latency probe of {@code bench}), recording
 * {@link AlertMetrics} as it goes. A read_committed consumer in its own group that commits after
 * handing out: a restart resumes where it left off, and an alert handed out twice after a crash
 * is recognisable by its id. The routed sinks read the same topic in a group of their own.
 */
final class CommittedAlertReader implements AutoCloseable {

    /** Named after the printer this once was; kept so that running deployments keep their offsets. */
    static final String GROUP_ID = "tenantwatch-alert-printer";

    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final Consumer<Alert> out;
    private final AlertMetrics metrics;
    private final Thread thread;
    /** What this reader last committed, by partition (its own thread only). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    CommittedAlertReader(KafkaConnection kafka, String topic, Consumer<Alert> out, AlertMetrics metrics) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A reader that died without leaving the group holds its partitions for the session:
        // Kafka's 45 s default would hold back the alerts of a restarted service that long.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), JsonSerde.alert().deserializer());
        this.topic = topic;
        this.out = out;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "tenantwatch-alert-reader");
        this.thread.setDaemon(true);
    }

    synchronized CommittedAlertReader start() {
        consumer.subscribe(List.of(topic));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, Alert> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, Alert> record : records) {
                    handle(record);
                }
                commitIfMoved();
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /**
     * Commits the position whenever it moved, also when a poll returned nothing: reading past
     * commit markers and aborted records moves it too, and a group left behind them would never
     * look caught up.
     */
    private void commitIfMoved() {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            Long last = committed.get(partition);
            if (last == null || last != position) {
                moved.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (!moved.isEmpty()) {
            consumer.commitSync(moved);
            moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        }
    }

    private void handle(ConsumerRecord<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        out.accept(alert);
        Header received = record.headers().lastHeader(EventHeaders.RECEIVED);
        metrics.alertRead(
                alert, System.currentTimeMillis(), received == null ? -1 : EventHeaders.decodeMillis(received.value()));
    }

    @Override
    public synchronized void close() {
        if (!thread.isAlive() && stopped.getCount() > 0) {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
