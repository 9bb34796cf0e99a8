package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.DeliveryReport;
import io.tenantwatch.alerting.DirectDelivery;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.alerting.testing.Meters;
import io.tenantwatch.schemas.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP sinks reach receivers that refuse unauthenticated requests (401), with each way of
 * authenticating the routes file offers, and trust a private CA only through {@code caFile}.
 * Sinks are configured through the routes file as an operator writes it.
 */
class HttpSinkAuthTest {

    private static final String TOKEN = "bearer-token-0f3c9a7e5b1d";
    private static final String PASSWORD = "basic-password-7e5b1d0f3c";
    private static final String HEC_TOKEN = "hec-token-9a7e5b1d0f3c";
    private static final String HMAC = "whsec_"
            + Base64.getEncoder().encodeToString("a-webhook-key-of-32-bytes-long!!".getBytes(StandardCharsets.UTF_8));
    private static final Map<String, String> ENV =
            Map.of("TOKEN", TOKEN, "PASSWORD", PASSWORD, "HEC", HEC_TOKEN, "HMAC", HMAC);

    @TempDir
    Path dir;

    private Routes routes(String sinks) throws Exception {
        return new RoutesLoader(ENV::get).parse("routes.yaml", sinks + "routes: [{sinks: [s]}]\n", dir);
    }

    private Sink sink(String sinks) throws Exception {
        return SinkTesting.build(routes(sinks).sinks().get("s"));
    }

    @Test
    void withoutItsCredentialADeliveryIsRefusedAndReportedAsARejectionWithoutTheSecret() throws Exception {
        try (GuardedReceiver r = GuardedReceiver.http(Map.of("Authorization", "Bearer " + TOKEN))) {
            Sink bare = sink("sinks: {s: {type: webhook, url: \"%s\", secretEnv: HMAC}}\n".formatted(r.url("/in")));
            assertThatThrownBy(() -> bare.send(alert("alpha", "a", Severity.HIGH, 1)))
                    .isInstanceOfSatisfying(SinkException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).isEqualTo("HTTP 401");
                    });
            assertThat(r.answers()).containsExactly(401);
            assertThat(r.acceptedPaths()).isEmpty();
        }
    }

    @Test
    void aBearerTokenFromTheEnvironmentOrAFileIsSent() throws Exception {
        try (GuardedReceiver r = GuardedReceiver.http(Map.of("Authorization", "Bearer " + TOKEN))) {
            Files.writeString(dir.resolve("token"), TOKEN + "\n");
            sink("sinks: {s: {type: webhook, url: \"%s\", secretEnv: HMAC, bearerTokenEnv: TOKEN}}\n"
                            .formatted(r.url("/env")))
                    .send(alert("alpha", "a", Severity.HIGH, 1));
            sink("sinks: {s: {type: slack, url: \"%s\", bearerTokenFile: token}}\n".formatted(r.url("/file")))
                    .send(alert("alpha", "a", Severity.HIGH, 2));
            assertThat(r.acceptedPaths()).containsExactly("/env", "/file");
        }
    }

    @Test
    void basicAuthAndATenantHeaderReachAMimirStyleAlertmanager() throws Exception {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("soc:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (GuardedReceiver r =
                GuardedReceiver.http(Map.of("Authorization", basic, "X-Scope-OrgID", "tenant-alpha"))) {
            Sink s = sink("""
                    sinks:
                      s:
                        type: alertmanager
                        url: "%s"
                        headers: {X-Scope-OrgID: tenant-alpha}
                        basicAuth: {username: soc, passwordEnv: PASSWORD}
                    """.formatted(r.url("/alertmanager")));
            s.send(alert("alpha", "a", Severity.CRITICAL, 1));
            assertThat(r.acceptedPaths()).containsExactly("/alertmanager/api/v2/alerts");
        }
    }

    @Test
    void aHeaderValueFromASecretGetsItsPrefixAsSplunkHecWantsIt() throws Exception {
        try (GuardedReceiver r = GuardedReceiver.http(Map.of("Authorization", "Splunk " + HEC_TOKEN))) {
            sink("""
                    sinks:
                      s:
                        type: webhook
                        url: "%s"
                        secretEnv: HMAC
                        format: ocsf
                        headers: {Authorization: {valueEnv: HEC, prefix: "Splunk "}}
                    """.formatted(r.url("/services/collector/raw"))).send(alert("alpha", "a", Severity.HIGH, 1));
            assertThat(r.acceptedPaths()).containsExactly("/services/collector/raw");
        }
    }

    @Test
    void aRotatedTokenFileIsFollowedWithoutRebuildingTheSink() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN);
        Secret token = Secret.fromFile(file, TOKEN, v -> !v.isBlank(), Duration.ZERO);
        HttpSettings http = new HttpSettings(Map.of(), token, null, null, true);
        try (GuardedReceiver r = GuardedReceiver.http(Map.of("Authorization", "Bearer " + TOKEN))) {
            Sink s = SinkTesting.build(new SinkConfig.Webhook(
                    "s", new Secret(r.url("/in")), http, new Secret(HMAC), AlertFormat.JSON, false));
            s.send(alert("alpha", "a", Severity.HIGH, 1));

            // Kubernetes swaps the Secret volume: a new file behind the same name.
            String rotated = "bearer-token-rotated-77aa";
            Path next = Files.writeString(dir.resolve("token.next"), rotated + "\n");
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            r.require(Map.of("Authorization", "Bearer " + rotated));
            s.send(alert("alpha", "a", Severity.HIGH, 2));

            // A file emptied in the middle of a rewrite is not taken: the last good token stays.
            Files.writeString(file, "");
            s.send(alert("alpha", "a", Severity.HIGH, 3));
            assertThat(r.answers()).containsExactly(200, 200, 200);
        }
    }

    @Test
    void httpsToAPrivateCaWorksOnlyWithItsCaFile() throws Exception {
        TestCa ca = new TestCa("tenantwatch test CA");
        TestCa other = new TestCa("some other CA");
        ca.writePem(dir.resolve("ca.pem"));
        other.writePem(dir.resolve("other.pem"));
        try (GuardedReceiver r =
                GuardedReceiver.https(ca.serverContext(), Map.of("Authorization", "Bearer " + TOKEN))) {
            String common =
                    "type: webhook, url: \"%s\", secretEnv: HMAC, bearerTokenEnv: TOKEN".formatted(r.url("/in"));
            sink("sinks: {s: {%s, caFile: ca.pem}}\n".formatted(common)).send(alert("alpha", "a", Severity.HIGH, 1));
            sink("sinks: {s: {%s, caFile: ca.pem, systemCAs: true}}\n".formatted(common))
                    .send(alert("alpha", "a", Severity.HIGH, 2));
            assertThat(r.acceptedPaths()).hasSize(2);

            for (String untrusting : new String[] {
                "sinks: {s: {%s}}\n".formatted(common), "sinks: {s: {%s, caFile: other.pem}}\n".formatted(common)
            }) {
                Sink s = sink(untrusting);
                assertThatThrownBy(() -> s.send(alert("alpha", "a", Severity.HIGH, 3)))
                        .isInstanceOfSatisfying(SinkException.class, e -> {
                            // Retried like an outage: the CA bundle may be fixed and the pod restarted.
                            assertThat(e.retryable()).isTrue();
                            assertThat(e.getMessage()).isEqualTo("connection failed (SSLHandshakeException)");
                        });
            }
            assertThat(r.acceptedPaths()).hasSize(2);
        }
    }

    @Test
    void aRefusedCredentialIsCountedAndReportedLikeAnyRejection() throws Exception {
        try (GuardedReceiver r = GuardedReceiver.http(Map.of("Authorization", "Bearer " + TOKEN))) {
            Routes routes = new RoutesLoader(Map.of("HMAC", HMAC, "TOKEN", "a-token-the-receiver-does-not-know")::get)
                    .parse("routes.yaml", """
                            suppression: {window: 0s}
                            sinks:
                              wrong: {type: webhook, url: "%s", secretEnv: HMAC, bearerTokenEnv: TOKEN}
                            routes: [{sinks: [wrong]}]
                            """.formatted(r.url("/in")), dir);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            StringWriter out = new StringWriter();
            DeliveryReport report;
            try (DirectDelivery d = DirectDelivery.open(routes, registry, new PrintWriter(out))) {
                d.offer(alert("alpha", "a", Severity.HIGH, 1));
                report = d.finish();
            }
            assertThat(Meters.deliveries(registry, "wrong", "rejected")).isEqualTo(1);
            assertThat(Meters.deliveries(registry, "wrong", "delivered")).isZero();
            assertThat(report.complete()).isFalse();
            assertThat(report.describe()).contains("HTTP 401").doesNotContain("a-token-the-receiver-does-not-know");
        }
    }
}
