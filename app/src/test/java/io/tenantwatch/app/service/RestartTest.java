package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop and start the service mid-stream on the same data directory: every expected alert is on
 * tw.alerts exactly once, and the printer resumes after what it printed.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void noAlertIsLostAndNoneIsProducedTwiceAcrossARestart() throws Exception {
        List<String> auditIds = PodExecEvents.ids(60);
        List<Alert> printedFirst = new CopyOnWriteArrayList<>();
        List<Alert> printedSecond = new CopyOnWriteArrayList<>();

        TenantWatchService first = new TenantWatchService(ServiceTest.options(dataDir)).start(printedFirst::add);
        await().atMost(Duration.ofSeconds(60)).until(first::ready);
        HttpResponse<String> a = ServiceTest.post(
                first.receiverPort(), "/v1/audit", ServiceTest.TOKEN, PodExecEvents.eventList(auditIds, 0, 30));
        assertThat(a.statusCode()).isEqualTo(200);
        // Stop while the topology may still be working on the batch: EOS keeps what it committed.
        first.close();

        TenantWatchService second = new TenantWatchService(ServiceTest.options(dataDir)).start(printedSecond::add);
        try {
            await().atMost(Duration.ofSeconds(60)).until(second::ready);
            // The second half, plus a retry of part of the first (the webhook's at-least-once delivery).
            HttpResponse<String> b = ServiceTest.post(
                    second.receiverPort(), "/v1/audit", ServiceTest.TOKEN, PodExecEvents.eventList(auditIds, 20, 60));
            assertThat(b.statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(printedFirst.size() + printedSecond.size())
                            .isGreaterThanOrEqualTo(61));
            List<Alert> all =
                    readAllAlerts(second.bootstrapServers(), second.topics().alerts());
            assertThat(all).extracting(Alert::id).doesNotHaveDuplicates();
            List<Alert> onTopic = all.stream()
                    .filter(alert -> alert.detector().equals("pod-exec"))
                    .toList();
            assertThat(onTopic).hasSize(60);
            assertThat(onTopic)
                    .flatExtracting(alert -> alert.evidence().auditIds())
                    .containsExactlyInAnyOrderElementsOf(auditIds);
            // Namespace default belongs to no tenant: reported once an hour, not once per event.
            assertThat(all)
                    .filteredOn(alert -> alert.detector().equals("unmapped-namespace"))
                    .hasSize(1);
            // The printer resumed from its committed offset: together the two runs printed each alert,
            // and a repeat after the restart (had the first run been killed) would carry the same id.
            List<String> printedIds = new ArrayList<>();
            printedFirst.forEach(x -> printedIds.add(x.id()));
            printedSecond.forEach(x -> printedIds.add(x.id()));
            assertThat(printedIds)
                    .containsExactlyInAnyOrderElementsOf(
                            all.stream().map(Alert::id).toList());
        } finally {
            second.close();
        }
    }

    static List<Alert> readAllAlerts(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Alert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), JsonSerde.alert().deserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - idleSince < 3000) {
                for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(300))) {
                    alerts.add(r.value());
                    idleSince = System.currentTimeMillis();
                }
            }
        }
        return alerts;
    }
}
