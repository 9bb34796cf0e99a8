package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.testing.Receiver;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries verified the way a receiver using any Standard Webhooks library does. The
 * verifier below is written from the specification's text (standardwebhooks.com, "Verifying
 * webhooks"), not with tenantwatch's signer, and is itself checked against the specification's
 * published example.
 */
class StandardWebhooksTest {

    // The specification's example (also the test vector of its reference libraries).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String CURRENT =
            "whsec_" + Base64.getEncoder().encodeToString(bytes("current-key-of-32-bytes-long!!!!"));
    private static final String NEXT =
            "whsec_" + Base64.getEncoder().encodeToString(bytes("the-next-key-also-32-bytes-long!"));
    private static final String OTHER =
            "whsec_" + Base64.getEncoder().encodeToString(bytes("a-key-nobody-configured-at-all!!"));

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.plain();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** The specification's verification: HMAC-SHA256 of "id.timestamp.body" with the base64-decoded secret. */
    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader)
            throws Exception {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        String base64Key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        // "space delimited list of signatures", each "version,signature"; unknown versions are skipped.
        for (String versioned : signatureHeader.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2
                    && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    private static boolean verify(String secret, Receiver.Request r) throws Exception {
        return verify(
                secret,
                r.header("webhook-id"),
                r.header("webhook-timestamp"),
                r.body().getBytes(StandardCharsets.UTF_8),
                r.header("webhook-signature"));
    }

    private Sink sink(String secret, boolean legacy) {
        return SinkTesting.build(new SinkConfig.Webhook(
                "siem",
                new Secret(receiver.url("/in")),
                HttpSettings.NONE,
                new Secret(secret),
                AlertFormat.JSON,
                legacy));
    }

    @Test
    void theVerifierOfThisTestReproducesTheSpecificationsExampleAndSoDoesTheSigner() throws Exception {
        byte[] body = bytes(SPEC_BODY);
        assertThat(verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, body, SPEC_SIGNATURE))
                .isTrue();
        assertThat(verify(SPEC_SECRET, SPEC_ID, "1614265331", body, SPEC_SIGNATURE))
                .isFalse();
        assertThat(verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, bytes("{\"test\": 2432232315}"), SPEC_SIGNATURE))
                .isFalse();

        assertThat(StandardWebhooks.sign(SPEC_ID, 1614265330L, body, WebhookKeys.parse(SPEC_SECRET)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aDeliveryCarriesTheAlertIdTheTimeAndASignatureThatVerifies() throws Exception {
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 1);
        long before = Instant.now().getEpochSecond();
        sink(CURRENT, false).send(a);

        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.header("webhook-id")).isEqualTo(a.id());
        assertThat(Long.parseLong(r.header("webhook-timestamp")))
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(r.header("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");
        assertThat(verify(CURRENT, r)).isTrue();
        assertThat(verify(OTHER, r)).isFalse();
        // legacySignature: false leaves the deprecated headers out.
        assertThat(r.headers()).doesNotContainKeys("x-tenantwatch-signature", "x-tenantwatch-timestamp");
    }

    @Test
    void duringARotationEitherKeyVerifiesSoReceiversCanMoveOneByOne() throws Exception {
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 2);
        sink(CURRENT + "\n" + NEXT, false).send(a);

        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verify(CURRENT, r)).isTrue();
        assertThat(verify(NEXT, r)).isTrue();
        assertThat(verify(OTHER, r)).isFalse();
    }

    @Test
    void aPlainKeyOfEarlierReleasesIsTheSameKeyAsItsWhsecForm() throws Exception {
        String plain = "a-webhook-hmac-key-of-32-bytes!!";
        Alert a = alert("alpha", "alpha-web", Severity.HIGH, 3);
        sink(plain, true).send(a);

        Receiver.Request r = receiver.requests().get(0);
        assertThat(verify("whsec_" + Base64.getEncoder().encodeToString(bytes(plain)), r))
                .isTrue();
        // The deprecated headers are still there, signed with the same key, for receivers not moved yet.
        assertThat(r.header("x-tenantwatch-signature"))
                .isEqualTo("sha256=" + HexHmac.of(plain, r.header("x-tenantwatch-timestamp") + "." + r.body()));
        assertThat(r.header("x-tenantwatch-alert-id")).isEqualTo(a.id());
    }

    @Test
    void secretsThatCannotSignAreRefusedWithoutShowingThem() {
        assertThat(List.of("short", "whsec_c2hvcnQ=", "whsec_not*base64", CURRENT + " " + NEXT + " " + OTHER))
                .allSatisfy(bad -> assertThat(WebhookKeys.usable(bad)).isFalse());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookKeys.parse("whsec_not*base64-SECRETPART"))
                .hasMessageNotContaining("SECRETPART")
                .hasMessageNotContaining("*");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
