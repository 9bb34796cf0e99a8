package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.net.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {

    private static final String KEY = "a-webhook-hmac-key-of-32-bytes!!";
    private Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = Receiver.verifying(KEY);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Sink sink(AlertFormat format, String key) {
        return SinkTesting.build(new SinkConfig.Webhook(
                "siem", new Secret(receiver.url("/intake")), HttpSettings.NONE, new Secret(key), format, true));
    }

    @Test
    void postsTheAlertSignedSoTheReceiverCanVerifyIt() throws Exception {
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 1);
        long before = Instant.now().getEpochSecond();
        sink(AlertFormat.JSON, KEY).send(a);

        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.signatureValid()).isTrue();
        assertThat(r.signature()).matches("sha256=[0-9a-f]{64}");
        assertThat(Long.parseLong(r.timestamp()))
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(r.alertId()).isEqualTo(a.id());
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.path()).isEqualTo("/intake");
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(ContractSchemas.ALERT.problemsOfJson(body)).isEmpty();
        assertThat(Json.readerFor(Alert.class).<Alert>readValue(r.body())).isEqualTo(a);
        assertThat(receiver.acceptedIds()).containsExactly(a.id());
    }

    @Test
    void theSignatureCoversTimestampAndBody() throws Exception {
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String sig = WebhookSignature.sign(key, 1_700_000_000L, body);
        assertThat(WebhookSignature.verify(key, "1700000000", body, sig)).isTrue();
        assertThat(WebhookSignature.verify(key, "1700000001", body, sig)).isFalse();
        assertThat(WebhookSignature.verify(key, "1700000000", "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8), sig))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        "another-key-another-key".getBytes(StandardCharsets.UTF_8), "1700000000", body, sig))
                .isFalse();
        // Known answer (openssl dgst -sha256 -hmac KEY over "1700000000.{"id":"x"}").
        assertThat(sig).isEqualTo("sha256=" + HexHmac.of(KEY, "1700000000.{\"id\":\"x\"}"));
    }

    @Test
    void ocsfFormatSendsADetectionFindingWithTheIdAsUid() throws Exception {
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 2);
        sink(AlertFormat.OCSF, KEY).send(a);
        JsonNode f = Json.mapper().readTree(receiver.accepted().get(0));
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.at("/metadata/uid").asText()).isEqualTo(a.id());
        assertThat(f.at("/metadata/tenant_uid").asText()).isEqualTo("alpha");
        assertThat(f.at("/finding_info/attacks/0/technique/uid").asText()).isEqualTo("T1609");
    }

    @Test
    void outagesAreRetryableAndRejectionsAreNot() throws Exception {
        Sink sink = sink(AlertFormat.JSON, KEY);
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 3);
        receiver.answer(503);
        assertThatThrownBy(() -> sink.send(a)).isInstanceOfSatisfying(SinkException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("HTTP 503");
        });
        receiver.answer(429);
        assertThatThrownBy(() -> sink.send(a))
                .isInstanceOfSatisfying(
                        SinkException.class, e -> assertThat(e.retryable()).isTrue());
        receiver.answer(400);
        assertThatThrownBy(() -> sink.send(a)).isInstanceOfSatisfying(SinkException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("HTTP 400");
        });
        receiver.answer(200);
        // A wrong key is refused by the receiver (401): retrying cannot help.
        assertThatThrownBy(
                        () -> sink(AlertFormat.JSON, "not-the-receivers-key!!").send(a))
                .isInstanceOfSatisfying(
                        SinkException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(receiver.acceptedIds()).isEmpty();
    }

    @Test
    void anUnreachableReceiverIsRetryableAndTheMessageHoldsNoUrl() throws Exception {
        int closedPort = LoopbackPorts.free();
        String url = "http://127.0.0.1:" + closedPort + "/hook/SECRET-TOKEN-IN-PATH";
        Sink sink = SinkTesting.build(new SinkConfig.Webhook(
                "x", new Secret(url), HttpSettings.NONE, new Secret(KEY), AlertFormat.JSON, true));
        assertThatThrownBy(() -> sink.send(alert("alpha", "a", Severity.LOW, 1)))
                .isInstanceOfSatisfying(SinkException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage())
                            .startsWith("connection failed")
                            .doesNotContain("SECRET-TOKEN")
                            .doesNotContain("127.0.0.1");
                });
    }

    @Test
    void aRetryAfterInSecondsIsPassedOnAndAnHttpDateIsIgnored() {
        Sink sink = sink(AlertFormat.JSON, KEY);
        Alert a = alert("alpha", "a", Severity.LOW, 1);
        receiver.answer(503, "7");
        assertThatThrownBy(() -> sink.send(a))
                .isInstanceOfSatisfying(
                        SinkException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        receiver.answer(429, "Wed, 21 Oct 2015 07:28:00 GMT");
        assertThatThrownBy(() -> sink.send(a)).isInstanceOfSatisfying(SinkException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isNull();
        });
    }
}
