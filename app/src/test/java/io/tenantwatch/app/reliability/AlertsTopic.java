package io.tenantwatch.app.reliability;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads committed alerts from tw.alerts as any downstream consumer would (read_committed, from the start). */
final class AlertsTopic {

    private AlertsTopic() {}

    /**
     * Every committed alert, read until {@code done} holds for what was read and then 3 quiet seconds
     * more (so that late duplicates would be seen), or until {@code timeout}.
     */
    static List<Alert> readUntil(String bootstrap, String topic, Predicate<List<Alert>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Alert> alerts = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), JsonSerde.alert().deserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = -1;
            while (System.nanoTime() < deadline) {
                boolean got = false;
                for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(300))) {
                    alerts.add(r.value());
                    got = true;
                }
                if (got || !done.test(alerts)) {
                    quietSince = -1;
                } else if (quietSince < 0) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince
                        > Duration.ofSeconds(3).toNanos()) {
                    break;
                }
            }
        }
        return alerts;
    }

    static long podExecs(List<Alert> alerts) {
        return alerts.stream().filter(a -> "pod-exec".equals(a.detector())).count();
    }
}
