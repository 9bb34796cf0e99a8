package io.tenantwatch.alerting;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.alerting.testing.Meters;
import io.tenantwatch.alerting.testing.PipelineKafka;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.alerting.testing.TestAlerts;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.process.AlertmanagerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on a real broker with real receivers: the right team gets each alert, once. */
@ExtendWith(TestBroker.class)
class AlertPipelineRoutingTest {

    private static final String ALPHA_KEY = "alpha-team-hmac-key-0123456789";
    private static final String BETA_KEY = "beta-team-hmac-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Routes routes(String yaml) throws Exception {
        return new RoutesLoader(Map.of("ALPHA_KEY", ALPHA_KEY, "BETA_KEY", BETA_KEY)::get)
                .parse("routes.yaml", yaml, dir);
    }

    @Test
    void eachTenantsTeamGetsItsOwnAlertsOnceInItsOwnChannelAndAlertmanager() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        String group = "routing-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Receiver alphaHook = Receiver.verifying(ALPHA_KEY);
                Receiver betaHook = Receiver.verifying(BETA_KEY);
                AlertmanagerProcess am = AlertmanagerProcess.start(Files.createDirectories(dir.resolve("am")))) {
            Routes routes = routes("""
                    sinks:
                      archive: {type: file, path: archive/alerts.jsonl}
                      alertmanager: {type: alertmanager, url: "%s"}
                      alpha-hook: {type: webhook, url: "%s", secretEnv: ALPHA_KEY}
                      beta-hook: {type: webhook, url: "%s", secretEnv: BETA_KEY, format: ocsf}
                    routes:
                      - {name: soc, sinks: [archive], continue: true}
                      - {name: alpha, match: {tenants: [alpha]}, sinks: [alpha-hook, alertmanager]}
                      - {name: beta, match: {tenants: [beta], minSeverity: medium}, sinks: [beta-hook]}
                    """.formatted(am.url(), alphaHook.url("/alpha"), betaHook.url("/beta")));
            List<Alert> alpha = new ArrayList<>();
            List<Alert> beta = new ArrayList<>();
            List<Alert> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                alpha.add(alert("alpha", "alpha-web", Severity.HIGH, i));
                beta.add(alert("beta", "beta-api", i % 2 == 0 ? Severity.MEDIUM : Severity.LOW, 100 + i));
            }
            all.addAll(alpha);
            all.addAll(beta);
            PipelineKafka.produce(topics, all);

            try (AlertPipeline pipeline =
                    AlertPipeline.start(AlertPipeline.Config.of(TestBroker.bootstrapServers(), topics, routes, registry)
                            .withGroupId(group))) {
                List<String> alphaIds = alpha.stream().map(Alert::id).toList();
                List<String> betaMediumIds = beta.stream()
                        .filter(a -> a.severity() == Severity.MEDIUM)
                        .map(Alert::id)
                        .toList();
                await().atMost(WAIT)
                        .until(() -> alphaHook.acceptedIds().size() >= 8
                                && betaHook.acceptedIds().size() >= 4
                                && archived().size() >= 16);
                await().atMost(WAIT).until(() -> am.alerts(null).size() >= 8);
                // Every offset is committed once everything is delivered.
                await().atMost(WAIT).until(() -> PipelineKafka.committed(group, topics.alerts())
                        .equals(PipelineKafka.endOffsets(topics.alerts(), 3)));

                assertThat(alphaHook.acceptedIds()).containsExactlyInAnyOrderElementsOf(alphaIds);
                assertThat(betaHook.acceptedIds()).containsExactlyInAnyOrderElementsOf(betaMediumIds);
                assertThat(alphaHook.requests()).allMatch(Receiver.Request::signatureValid);
                for (String body : betaHook.accepted()) {
                    assertThat(Json.mapper()
                                    .readTree(body)
                                    .at("/metadata/tenant_uid")
                                    .asText())
                            .isEqualTo("beta");
                }
                List<String> archivedIds = archived();
                assertThat(archivedIds)
                        .containsExactlyInAnyOrderElementsOf(
                                all.stream().map(Alert::id).toList());
                JsonNode inAm = am.alerts(null);
                assertThat(inAm).hasSize(8);
                for (JsonNode a : inAm) {
                    assertThat(a.at("/labels/tenant").asText()).isEqualTo("alpha");
                }
                assertThat(Meters.deliveries(registry, "alpha-hook", "delivered"))
                        .isEqualTo(8);
                assertThat(Meters.deliveries(registry, "beta-hook", "delivered"))
                        .isEqualTo(4);
                assertThat(Meters.deliveries(registry, "archive", "delivered")).isEqualTo(16);
                assertThat(registry.find("tenantwatch.alerting.delivery.latency")
                                .tag("sink", "alertmanager")
                                .timer()
                                .count())
                        .isEqualTo(8);
                assertThat(Meters.counter(registry, "tenantwatch.alerting.unrouted"))
                        .isZero();
                assertThat(Meters.circuit(registry, "alpha-hook", "closed")).isEqualTo(1);
                assertThat(pipeline.running()).isTrue();
            }
        }
    }

    @Test
    void repeatsWithinTheWindowAreOneUpdateAtItsEnd() throws Exception {
        Topics topics = PipelineKafka.freshTopics();
        String group = "grouping-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Receiver hook = Receiver.verifying(ALPHA_KEY)) {
            Routes routes = routes("""
                    suppression: {window: 3s}
                    sinks:
                      hook: {type: webhook, url: "%s", secretEnv: ALPHA_KEY}
                    routes: [{sinks: [hook]}]
                    """.formatted(hook.url("/in")));
            List<Alert> occurrences = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                occurrences.add(TestAlerts.alert(
                        "pod-exec",
                        "alpha",
                        "alpha-web",
                        Severity.HIGH,
                        "api-1",
                        TestAlerts.T0.plusSeconds(i),
                        "repeat-" + i));
            }
            PipelineKafka.produce(topics, occurrences);
            try (AlertPipeline pipeline =
                    AlertPipeline.start(AlertPipeline.Config.of(TestBroker.bootstrapServers(), topics, routes, registry)
                            .withGroupId(group))) {
                await().atMost(WAIT).until(() -> hook.accepted().size() >= 2);
                await().atMost(WAIT).until(() -> PipelineKafka.committed(group, topics.alerts())
                        .equals(PipelineKafka.endOffsets(topics.alerts(), 3)));
                List<String> bodies = hook.accepted();
                assertThat(bodies).hasSize(2);
                Alert first = Json.readerFor(Alert.class).readValue(bodies.get(0));
                Alert update = Json.readerFor(Alert.class).readValue(bodies.get(1));
                assertThat(first.id()).isEqualTo(occurrences.get(0).id());
                assertThat(update.fingerprint()).isEqualTo(first.fingerprint());
                assertThat(update.evidence().count()).isEqualTo(5);
                assertThat(update.firstSeen()).isEqualTo(TestAlerts.T0);
                assertThat(update.lastSeen()).isEqualTo(TestAlerts.T0.plusSeconds(4));
                assertThat(new HashSet<>(hook.acceptedIds())).hasSize(2);
                assertThat(Meters.counter(registry, "tenantwatch.alerting.suppressed"))
                        .isEqualTo(4);
                assertThat(Meters.counter(registry, "tenantwatch.alerting.group.updates"))
                        .isEqualTo(1);
            }
        }
    }

    private List<String> archived() throws Exception {
        Path file = dir.resolve("archive/alerts.jsonl");
        List<String> ids = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                ids.add(Json.readerFor(Alert.class).<Alert>readValue(line).id());
            }
        }
        return ids;
    }
}
