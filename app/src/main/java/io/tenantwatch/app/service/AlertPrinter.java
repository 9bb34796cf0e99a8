package io.tenantwatch.app.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.EventHeaders;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every committed alert of {@code tw.alerts} and counts it. A read_committed consumer in
 * its own group, committing after printing: a restart resumes where it left off, and an alert
 * printed twice after a crash is recognisable by its id. The alerting issue replaces this with
 * routed sinks.
 */
public final class AlertPrinter implements AutoCloseable {

    public static final String GROUP_ID = "tenantwatch-alert-printer";

    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final Consumer<Alert> out;
    private final MeterRegistry registry;
    private final Timer eventToAlert;
    private final Timer receiptToAlert;
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public AlertPrinter(String bootstrapServers, String topic, PrintWriter writer, AlertFormat format, MeterRegistry registry) {
        this(bootstrapServers, topic, alert -> {
            writer.println(format.format(alert));
            writer.flush();
        }, registry);
    }

    public AlertPrinter(String bootstrapServers, String topic, Consumer<Alert> out, MeterRegistry registry) {
        this(KafkaConnection.plain(bootstrapServers), topic, out, registry);
    }

    public AlertPrinter(KafkaConnection kafka, String topic, Consumer<Alert> out, MeterRegistry registry) {
        Properties props = kafka.properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A printer that died without leaving the group holds its partitions for the session:
        // Kafka's 45 s default would hold back the alerts of a restarted service that long.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), JsonSerde.alert().deserializer());
        this.topic = topic;
        this.out = out;
        this.registry = registry;
        this.eventToAlert = Timer.builder("tenantwatch.detection.latency")
                .description("From the event's own time to the alert being read from tw.alerts")
                .tag("from", "event-time").publishPercentileHistogram().register(registry);
        this.receiptToAlert = Timer.builder("tenantwatch.detection.latency")
                .description("From ingest receiving the event to the alert being read from tw.alerts")
                .tag("from", "receipt").publishPercentileHistogram().register(registry);
        this.thread = new Thread(this::run, "tenantwatch-alert-printer");
        this.thread.setDaemon(true);
    }

    public synchronized AlertPrinter start() {
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
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // close() woke us up: leave the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        out.accept(alert);
        long now = System.currentTimeMillis();
        counter(alert.detector(), alert.severity()).increment();
        if (alert.time() != null) {
            eventToAlert.record(Duration.ofMillis(Math.max(0, now - alert.time().toEpochMilli())));
        }
        Header received = record.headers().lastHeader(EventHeaders.RECEIVED);
        long receivedAt = received == null ? -1 : EventHeaders.decodeMillis(received.value());
        if (receivedAt > 0) {
            receiptToAlert.record(Duration.ofMillis(Math.max(0, now - receivedAt)));
        }
    }

    /** Detector ids and severities are bounded sets, so they are safe labels. */
    private Counter counter(String detector, Severity severity) {
        return alertCounters.computeIfAbsent(detector + "/" + severity.label(), key -> Counter.builder("tenantwatch.alerts")
                .description("Alerts read from tw.alerts, by detector and severity")
                .tag("detector", detector)
                .tag("severity", severity.label().toLowerCase(Locale.ROOT))
                .register(registry));
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
