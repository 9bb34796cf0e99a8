package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
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

    /** An exec into a pod with a fresh auditID by someone of no tenant: one pod-exec alert each. */
    static String exec(String auditId, int i) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"" + auditId + "\","
                + "\"stage\":\"ResponseStarted\",\"requestURI\":\"/api/v1/namespaces/default/pods/web-" + i + "/exec?command=sh\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"dave@fabrikam.com\",\"groups\":[\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"192.168.99.1\"],\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"web-" + i
                + "\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},\"responseStatus\":{\"metadata\":{},\"code\":101},"
                + "\"requestReceivedTimestamp\":\"2026-11-20T09:00:00.000000Z\",\"stageTimestamp\":\"2026-11-20T09:00:" + String.format("%02d", i % 60)
                + ".000000Z\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"\"}}";
    }

    static String batch(List<String> auditIds, int from, int to) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(exec(auditIds.get(i), i));
        }
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + String.join(",", items) + "]}";
    }

    @Test
    void noAlertIsLostAndNoneIsProducedTwiceAcrossARestart() throws Exception {
        List<String> auditIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            auditIds.add(UUID.randomUUID().toString());
        }
        List<Alert> printedFirst = new CopyOnWriteArrayList<>();
        List<Alert> printedSecond = new CopyOnWriteArrayList<>();

        TenantWatchService first = new TenantWatchService(ServiceTest.options(dataDir)).start(printedFirst::add);
        await().atMost(Duration.ofSeconds(60)).until(first::ready);
        HttpResponse<String> a = ServiceTest.post(first.receiverPort(), "/v1/audit", ServiceTest.TOKEN, batch(auditIds, 0, 30));
        assertThat(a.statusCode()).isEqualTo(200);
        // Stop while the topology may still be working on the batch: EOS keeps what it committed.
        first.close();

        TenantWatchService second = new TenantWatchService(ServiceTest.options(dataDir)).start(printedSecond::add);
        try {
            await().atMost(Duration.ofSeconds(60)).until(second::ready);
            // The second half, plus a retry of part of the first (the webhook's at-least-once delivery).
            HttpResponse<String> b = ServiceTest.post(second.receiverPort(), "/v1/audit", ServiceTest.TOKEN, batch(auditIds, 20, 60));
            assertThat(b.statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(printedFirst.size() + printedSecond.size()).isGreaterThanOrEqualTo(61));
            List<Alert> all = readAllAlerts(second.bootstrapServers(), second.topics().alerts());
            assertThat(all).extracting(Alert::id).doesNotHaveDuplicates();
            List<Alert> onTopic = all.stream().filter(alert -> alert.detector().equals("pod-exec")).toList();
            assertThat(onTopic).hasSize(60);
            assertThat(onTopic).flatExtracting(alert -> alert.evidence().auditIds()).containsExactlyInAnyOrderElementsOf(auditIds);
            // Namespace default belongs to no tenant: reported once an hour, not once per event.
            assertThat(all).filteredOn(alert -> alert.detector().equals("unmapped-namespace")).hasSize(1);
            // The printer resumed from its committed offset: together the two runs printed each alert,
            // and a repeat after the restart (had the first run been killed) would carry the same id.
            List<String> printedIds = new ArrayList<>();
            printedFirst.forEach(x -> printedIds.add(x.id()));
            printedSecond.forEach(x -> printedIds.add(x.id()));
            assertThat(printedIds).containsExactlyInAnyOrderElementsOf(all.stream().map(Alert::id).toList());
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
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.alert().deserializer())) {
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
