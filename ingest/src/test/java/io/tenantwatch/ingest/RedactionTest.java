package io.tenantwatch.ingest;

import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.parse;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secret values never leave ingest (docs/formats.md): not in a normalized event, and not in the
 * dead-letter copy of a rejected record. Canary values are planted where secrets live and looked
 * for in everything ingest emits.
 */
class RedactionTest {

    private static final String SECRET_CANARY = "CANARY-SECRET-7f3a";
    private static final String SECRET_B64_CANARY = Base64.getEncoder().encodeToString("CANARY-B64-91c2".getBytes());
    private static final String STRING_DATA_CANARY = "CANARY-STRINGDATA-5d0e";
    private static final String CONFIGMAP_CANARY = "CANARY-CONFIGMAP-VALUE-aa41";
    private static final String TOKEN_CANARY = "eyJhbGciOiJSUzI1NiIsImtpZCI6IkNBTkFSWS1UT0tFTiJ9.CANARY-TOKEN-3b8d";
    private static final String PATCH_CANARY = "CANARY-WEBHOOK-PATCH-0c9f";
    private static final String[] CANARIES = {
        SECRET_CANARY, SECRET_B64_CANARY, STRING_DATA_CANARY, CONFIGMAP_CANARY, TOKEN_CANARY, PATCH_CANARY, "CANARY"
    };

    private static ObjectNode write(
            String verb, String group, String resource, String subresource, String request, String response) {
        ObjectNode e = auditEvent().put("verb", verb).put("level", "RequestResponse");
        ObjectNode ref = e.putObject("objectRef")
                .put("resource", resource)
                .put("namespace", "alpha")
                .put("name", "x");
        if (group != null) {
            ref.put("apiGroup", group);
        }
        if (subresource != null) {
            ref.put("subresource", subresource);
        }
        if (request != null) {
            e.set("requestObject", parse(request));
        }
        if (response != null) {
            e.set("responseObject", parse(response));
        }
        ((ObjectNode) e.get("annotations"))
                .put(
                        "patch.webhook.admission.k8s.io/round_0_index_0",
                        "{\"patch\":[{\"op\":\"add\",\"path\":\"/data/k\",\"value\":\"" + PATCH_CANARY + "\"}]}");
        return e;
    }

    private static final String SECRET = "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"db\","
            + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"password\\\":\\\""
            + SECRET_CANARY + "\\\"}}\"}},"
            + "\"data\":{\"password\":\"" + SECRET_B64_CANARY + "\",\"" + SECRET_CANARY + "\":\"eA==\"},"
            + "\"stringData\":{\"api-key\":\"" + STRING_DATA_CANARY + "\"},\"type\":\"Opaque\"}";
    private static final String CONFIG_MAP =
            "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"}," + "\"data\":{\"password\":\"" + CONFIGMAP_CANARY
                    + "\",\"app.properties\":\"db.password=" + CONFIGMAP_CANARY + "\"}}";

    private static void assertNoCanary(byte[] emitted) {
        String text = new String(emitted, StandardCharsets.UTF_8);
        for (String canary : CANARIES) {
            assertThat(text).doesNotContain(canary);
        }
    }

    private static void assertEventHasNoCanary(ObjectNode event) throws Exception {
        NormalizedEvent e = read(event).onlyEvent();
        assertNoCanary(Json.mapper().writeValueAsBytes(e));
    }

    @Test
    void secretWritesCarryTheTypeOnly() throws Exception {
        for (String verb : new String[] {"create", "update", "patch"}) {
            assertEventHasNoCanary(write(verb, null, "secrets", null, SECRET, SECRET));
            assertEventHasNoCanary(write(verb, null, "secrets", null, SECRET, null));
        }
        NormalizedEvent e =
                read(write("create", null, "secrets", null, SECRET, SECRET)).onlyEvent();
        assertThat(e.facts().secret().type()).isEqualTo("Opaque");
        assertEventHasNoCanary(write("get", null, "secrets", null, null, SECRET));
        assertEventHasNoCanary(
                write("list", null, "secrets", null, null, "{\"kind\":\"SecretList\",\"items\":[" + SECRET + "]}"));
    }

    @Test
    void configMapsGiveKeyNamesNeverValues() throws Exception {
        NormalizedEvent e = read(write("create", null, "configmaps", null, CONFIG_MAP, CONFIG_MAP))
                .onlyEvent();
        assertThat(e.facts().configMap().credentialKeys()).containsExactly("password", "app.properties");
        assertEventHasNoCanary(write("create", null, "configmaps", null, CONFIG_MAP, CONFIG_MAP));
        assertEventHasNoCanary(write("patch", null, "configmaps", null, CONFIG_MAP, null));
    }

    @Test
    void bearerTokensInTokenRequestsAndReviewsStayOut() throws Exception {
        assertEventHasNoCanary(write(
                "create",
                null,
                "serviceaccounts",
                "token",
                "{\"kind\":\"TokenRequest\",\"spec\":{\"audiences\":[\"api\"]}}",
                "{\"kind\":\"TokenRequest\",\"status\":{\"token\":\"" + TOKEN_CANARY
                        + "\",\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"}}"));
        assertEventHasNoCanary(write(
                "create",
                "authentication.k8s.io",
                "tokenreviews",
                null,
                "{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + TOKEN_CANARY + "\"}}",
                "{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + TOKEN_CANARY
                        + "\"},\"status\":{\"authenticated\":true}}"));
    }

    @Test
    void aSecretInAnAksLogCutAt16KibStaysOutOfTheDeadLetterCopy() {
        String event = write("create", null, "secrets", null, SECRET, SECRET).toString();
        String cut = event.substring(0, event.indexOf(SECRET_CANARY) + 10);
        CollectingSink.Outcome r = read(TestEvents.aksRecord("kube-audit", cut)).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.TRUNCATED);
        assertNoCanary(r.original());
        // What could be vetted is kept, for whoever reads the dead letters.
        assertThat(new String(r.original(), StandardCharsets.UTF_8)).contains("kube-audit", "auditID", "[redacted]");
    }

    @Test
    void rejectedRecordsOfEveryKindAreRedacted() {
        ObjectNode missing = write("create", null, "secrets", null, SECRET, SECRET);
        missing.remove("auditID");
        assertNoCanary(read(missing).onlyRejection().original());

        String invalid = write("create", null, "configmaps", null, CONFIG_MAP, CONFIG_MAP)
                .toString()
                .replace("\"stage\"", "stage");
        CollectingSink.Outcome r = read(invalid).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.INVALID_JSON);
        assertNoCanary(r.original());

        // A raw Secret posted by mistake is no known format; its data is still not dead-lettered.
        CollectingSink.Outcome raw = read(SECRET).onlyRejection();
        assertThat(raw.reason()).isEqualTo(Reason.UNRECOGNIZED_FORMAT);
        assertNoCanary(raw.original());
    }

    @Test
    void oversizeRecordsAreRedactedToo() {
        InputReader small = new InputReader(ReaderLimits.DEFAULTS.withMaxRecordBytes(2048));
        ObjectNode big = write("update", null, "secrets", null, SECRET, SECRET).put("userAgent", "x".repeat(3000));
        CollectingSink sink = new CollectingSink();
        small.read(TestEvents.bytes(big), SourceBinding.fixed("c"), sink);
        assertThat(sink.onlyRejection().reason()).isEqualTo(Reason.OVERSIZE);
        assertNoCanary(sink.onlyRejection().original());
    }

    @Test
    void theDeadLetterCopyIsValidJsonEvenWhenCut() throws Exception {
        String event = write("create", null, "secrets", null, SECRET, SECRET).toString();
        CollectingSink.Outcome r = read(event.substring(0, event.length() - 40)).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(TestEvents.MAPPER.readTree(r.original()).path("auditID").asText())
                .isEqualTo("a-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFEFF", " ", "\n\t ", "\uFEFF  "})
    void anAksLogThatDoesNotStartWithABraceIsRedactedInTheDeadLetterCopy(String before) {
        ObjectNode missing = write("create", null, "secrets", null, SECRET, SECRET);
        missing.remove("auditID");
        CollectingSink.Outcome r = read(TestEvents.aksRecord("kube-audit", before + missing + "\n"))
                .onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertNoCanary(r.original());
        assertThat(new String(r.original(), StandardCharsets.UTF_8)).contains("kube-audit", "[redacted]");

        String cut = missing.toString();
        CollectingSink.Outcome truncated = read(TestEvents.aksRecord(
                        "kube-audit", before + cut.substring(0, cut.indexOf(SECRET_CANARY) + 10)))
                .onlyRejection();
        assertNoCanary(truncated.original());
    }

    @Test
    void jsonAfterATextPrefixInAnyStringIsReTokenizedNotCopied() {
        ObjectNode missing = write("create", null, "secrets", null, SECRET, SECRET);
        missing.remove("auditID");
        ObjectNode record = TestEvents.aksRecord("kube-audit", missing.toString());
        record.put("resultDescription", "I1207 05:00:00.000 audit.go:1] " + missing);
        CollectingSink.Outcome r = read(record).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertNoCanary(r.original());
        assertThat(new String(r.original(), StandardCharsets.UTF_8)).contains("I1207 05:00:00.000 audit.go:1] {");
    }

    @Test
    void credentialsInExecCommandsNeverReachTheNormalizedEvent() throws Exception {
        ObjectNode exec = auditEvent()
                .put("verb", "create")
                .put("stage", "ResponseStarted")
                .put(
                        "requestURI",
                        "/api/v1/namespaces/beta/pods/db-0/exec?command=sh&command=-c&command=curl+-H+"
                                + "%22Authorization%3A%20Bearer%20" + TOKEN_CANARY
                                + "%22+https%3A%2F%2Fkubernetes.default"
                                + "&command=mysql&command=-p" + SECRET_CANARY + "&container=db&stdin=true");
        ((ObjectNode) exec.get("objectRef"))
                .put("subresource", "exec")
                .put("namespace", "beta")
                .put("name", "db-0");
        ((ObjectNode) exec.get("responseStatus")).put("code", 101);
        NormalizedEvent e = read(exec).onlyEvent();
        assertNoCanary(Json.mapper().writeValueAsBytes(e));
        assertThat(e.requestURI()).contains("command=mysql&command=-p[redacted]", "kubernetes.default", "container=db");

        // The same request rejected (no auditID): its dead-letter copy is redacted as well.
        exec.remove("auditID");
        assertNoCanary(read(exec).onlyRejection().original());
    }

    @Test
    void falcoFieldsAreKeptByAllowListAndCommandLinesRedacted() throws Exception {
        ObjectNode alert = TestEvents.falcoAlert();
        ObjectNode fields = (ObjectNode) alert.get("output_fields");
        fields.put("proc.cmdline", "mysql -h db -u root -p" + SECRET_CANARY + " shop");
        fields.put("proc.env", "AWS_SECRET_ACCESS_KEY=" + STRING_DATA_CANARY + " HOME=/root");
        fields.put("proc.aname[2]", "containerd-shim");
        NormalizedEvent e = read(alert).onlyEvent();
        assertNoCanary(Json.mapper().writeValueAsBytes(e));
        assertThat(e.falco().fields())
                .containsEntry("proc.cmdline", "mysql -h db -u root -p[redacted] shop")
                .containsEntry("k8s.pod.name", "web-1")
                .containsEntry("proc.aname[2]", "containerd-shim")
                .doesNotContainKey("proc.env");
    }
}
