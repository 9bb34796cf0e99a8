package io.tenantwatch.app.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.alerting.AlertPipeline;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.app.kafka.EmbeddedKafka;
import io.tenantwatch.app.kafka.TopicSetup;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting pipeline as the service starts it: on the embedded broker, with the topics
 * TopicSetup creates, {@code --routes} loaded by {@link RoutesOption}'s loader and metrics on a
 * Prometheus registry. A sink that is down while alerts arrive and across a restart gets them all.
 */
class AlertPipelineOnEmbeddedKafkaTest {

    private static final String KEY = "service-wiring-hmac-key-0123";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void theServicesWiringDeliversEveryAlertAcrossAnOutageAndARestart() throws Exception {
        Topics topics = Topics.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
                CapturingReceiver hook = new CapturingReceiver(KEY)) {
            try (Admin admin =
                    Admin.create(props(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicSetup(topics, 3, (short) 1).ensure(admin, Duration.ofSeconds(30));
            }
            Files.writeString(tmp.resolve("hmac.key"), KEY);
            Path file = Files.writeString(tmp.resolve("routes.yaml"), """
                    delivery: {initialBackoff: 50ms, maxBackoff: 500ms, circuitBreaker: {failures: 2, openFor: 300ms}}
                    sinks:
                      hook: {type: webhook, url: "%s", secretFile: hmac.key}
                    routes: [{match: {tenants: [alpha]}, sinks: [hook]}]
                    """.formatted(hook.url("/in")));
            Routes routes = new RoutesLoader().load(file);
            List<Alert> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(alert(i));
            }

            hook.answer(503);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (AlertPipeline pipeline = AlertPipeline.start(kafka.bootstrapServers(), topics, routes, registry)) {
                produce(kafka.bootstrapServers(), topics, sent);
                await().atMost(WAIT).until(() -> registry.scrape()
                        .contains("tenantwatch_alerting_circuit_state{sink=\"hook\",state=\"open\"} 1"));
                assertThat(registry.scrape())
                        .contains("tenantwatch_alerting_deliveries_total{outcome=\"parked\",sink=\"hook\"}");
            }
            hook.answer(200);
            PrometheusMeterRegistry after = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (AlertPipeline pipeline = AlertPipeline.start(kafka.bootstrapServers(), topics, routes, after)) {
                await().atMost(WAIT).until(() -> ids(hook)
                        .containsAll(sent.stream().map(Alert::id).toList()));
                await().atMost(WAIT).until(() -> after.scrape()
                        .contains("tenantwatch_alerting_deliveries_total{outcome=\"delivered\",sink=\"hook\"} 6.0"));
                assertThat(after.scrape())
                        .contains(
                                "tenantwatch_alerting_delivery_latency_seconds_count{sink=\"hook\"} 6",
                                "tenantwatch_alerting_retry_waiting",
                                "tenantwatch_alerting_suppressed_total 0.0");
                assertThat(pipeline.running()).isTrue();
            }
        }
    }

    private static HashSet<String> ids(CapturingReceiver hook) {
        HashSet<String> ids = new HashSet<>();
        for (CapturingReceiver.Request r : hook.requests()) {
            if (r.signatureValid()) {
                ids.add(JsonSerde.alert()
                        .deserializer()
                        .deserialize("x", r.body().getBytes())
                        .id());
            }
        }
        return ids;
    }

    private static Alert alert(int n) {
        String evidence = "svc-" + n;
        return new Alert(
                1,
                AlertKeys.alertId("pod-exec", "aks-prod", evidence),
                AlertKeys.hash("pod-exec", "aks-prod", "alpha", "mallory", "alpha-" + n),
                "pod-exec",
                Severity.HIGH,
                "Exec or attach into a pod",
                "mallory exec'd into alpha-" + n + "/api",
                Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n),
                null,
                null,
                "aks-prod",
                "alpha",
                List.of(),
                "alpha-" + n,
                new Alert.AlertActor("mallory", ActorType.USER, ActorClass.TENANT_MEMBER, List.of(), null, null),
                "create",
                new Alert.AlertResource(null, "pods", "exec", "api"),
                "k8s-audit",
                new Alert.Evidence(List.of(evidence), 1, List.of(), null, null, null, null, List.of(), List.of()),
                new Alert.Mitre("Execution", "T1609"));
    }

    private static void produce(String bootstrap, Topics topics, List<Alert> alerts) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                props(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (Alert a : alerts) {
                p.send(new ProducerRecord<>(
                                topics.alerts(),
                                a.fingerprint(),
                                JsonSerde.alert().serializer().serialize(topics.alerts(), a)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.put(key, value);
        return p;
    }
}
