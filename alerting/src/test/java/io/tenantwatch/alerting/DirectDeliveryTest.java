package io.tenantwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.alerting.testing.TestAlerts;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay's delivery: in the caller's thread, grouped on event time, flushed before it returns. */
class DirectDeliveryTest {

    private static final String KEY = "direct-delivery-hmac-key-0123";

    @TempDir
    Path dir;

    private Routes routes(String yaml) throws Exception {
        return new RoutesLoader(Map.of("KEY", KEY)::get).parse("routes.yaml", yaml, dir);
    }

    private static Alert at(Instant t, String auditId) {
        return TestAlerts.alert("pod-exec", "alpha", "alpha-web", Severity.HIGH, "api-1", t, auditId);
    }

    @Test
    void groupsOnEventTimeSoAReplayIsDeterministic() throws Exception {
        try (Receiver hook = Receiver.verifying(KEY)) {
            Routes routes = routes("""
                    sinks:
                      hook: {type: webhook, url: "%s", secretEnv: KEY}
                      console: {type: stdout, format: text}
                    routes: [{sinks: [hook, console]}]
                    """.formatted(hook.url("/in")));
            StringWriter console = new StringWriter();
            Instant t0 = TestAlerts.T0;
            DeliveryReport report;
            try (DirectDelivery d =
                    DirectDelivery.open(routes, new SimpleMeterRegistry(), new PrintWriter(console, true))) {
                d.offer(at(t0, "a1"));
                d.offer(at(t0.plus(Duration.ofMinutes(1)), "a2"));
                d.offer(at(t0.plus(Duration.ofMinutes(2)), "a3"));
                // Event time passes the window's end: its update goes out before this new first.
                d.offer(at(t0.plus(Duration.ofMinutes(15)), "a4"));
                d.offer(at(t0.plus(Duration.ofMinutes(16)), "a5"));
                assertThat(hook.accepted()).hasSize(3);
                report = d.finish();
            }
            List<Alert> got =
                    hook.accepted().stream().map(DirectDeliveryTest::parse).toList();
            assertThat(got).extracting(a -> a.evidence().count()).containsExactly(1L, 3L, 1L, 2L);
            assertThat(got.get(0).id()).isEqualTo(at(t0, "a1").id());
            assertThat(got.get(1).firstSeen()).isEqualTo(t0);
            assertThat(got.get(1).lastSeen()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
            assertThat(got.get(2).id()).isEqualTo(at(t0, "a4").id());
            assertThat(console.toString().lines()).hasSize(4);
            assertThat(report.complete()).isTrue();
            assertThat(report.suppressed()).isEqualTo(3);
            assertThat(report.groupUpdates()).isEqualTo(2);
            assertThat(report.bySink().get("hook").delivered()).isEqualTo(4);
            assertThat(report.describe()).contains("sink hook: 4 delivered", "3 repeats grouped into 2 updates");
        }
    }

    @Test
    void aSinkThatStaysDownIsReportedNotWaitedOnForEveryAlert() throws Exception {
        try (Receiver down = Receiver.verifying(KEY);
                Receiver up = Receiver.verifying(KEY)) {
            down.answer(503);
            Routes routes = routes("""
                    suppression: {window: 0s}
                    delivery: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 20ms}
                    sinks:
                      down: {type: webhook, url: "%s", secretEnv: KEY}
                      up: {type: webhook, url: "%s", secretEnv: KEY}
                    routes: [{sinks: [down, up]}]
                    """.formatted(down.url("/in"), up.url("/in")));
            DeliveryReport report;
            try (DirectDelivery d =
                    DirectDelivery.open(routes, new SimpleMeterRegistry(), new PrintWriter(new StringWriter()))) {
                for (int i = 0; i < 5; i++) {
                    d.offer(TestAlerts.alert("alpha", "alpha", Severity.HIGH, i));
                }
                report = d.finish();
            }
            assertThat(down.requests()).hasSize(2);
            assertThat(up.acceptedIds()).hasSize(5);
            assertThat(report.complete()).isFalse();
            assertThat(report.bySink().get("down").undelivered()).isEqualTo(5);
            assertThat(report.describe())
                    .contains("sink down: 0 delivered, 5 NOT delivered (last: sink down: HTTP 503 after 2 attempts)");
        }
    }

    @Test
    void aKafkaSinkWithoutBrokerIsAClearErrorInReplay() throws Exception {
        Routes routes = routes("""
                sinks: {bus: {type: kafka, topic: soc}}
                routes: [{sinks: [bus]}]
                """);
        assertThatThrownBy(() ->
                        DirectDelivery.open(routes, new SimpleMeterRegistry(), new PrintWriter(new StringWriter())))
                .isInstanceOf(ConfigException.class)
                .hasMessage(routes.source()
                        + ": sinks.bus: a kafka sink needs bootstrapServers when no Kafka cluster is in use (replay)");
    }

    private static Alert parse(String body) {
        try {
            return Json.readerFor(Alert.class).readValue(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
