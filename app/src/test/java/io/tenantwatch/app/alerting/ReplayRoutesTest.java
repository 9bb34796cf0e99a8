package io.tenantwatch.app.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --routes}: the alerts really reach the sinks before the command exits, and no
 * secret value of the audit bodies reaches any payload (canaries planted where secrets live).
 */
class ReplayRoutesTest {

    private static final String HMAC = "replay-routes-hmac-key-0123456789";
    private static final String SECRET_CANARY = "CANARY-SECRET-c41e";
    private static final String SECRET_B64_CANARY = Base64.getEncoder().encodeToString("CANARY-B64-77d0".getBytes());
    private static final String STRING_DATA_CANARY = "CANARY-STRINGDATA-0b2f";
    private static final String CONFIGMAP_CANARY = "CANARY-CONFIGMAP-VALUE-93aa";
    private static final String TOKEN_CANARY = "eyJhbGciOiJSUzI1NiJ9.CANARY-TOKEN-5e6f";
    private static final String PATCH_CANARY = "CANARY-PATCH-1d2c";
    private static final List<String> CANARIES = List.of(
            SECRET_CANARY,
            SECRET_B64_CANARY,
            STRING_DATA_CANARY,
            CONFIGMAP_CANARY,
            TOKEN_CANARY,
            PATCH_CANARY,
            "CANARY");

    @TempDir
    Path tmp;

    private Path tenancy;
    private Path events;

    @BeforeEach
    void files() throws Exception {
        tenancy = Files.writeString(tmp.resolve("tenancy.yaml"), """
                tenants:
                  - name: alpha
                    namespaces: ["alpha-*"]
                    users: ["alice@contoso.com"]
                  - name: beta
                    namespaces: ["beta-*"]
                    users: ["bob@contoso.com"]
                """);
        String secret =
                "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"db\",\"namespace\":\"beta-prod\","
                        + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"password\\\":\\\""
                        + SECRET_CANARY + "\\\"}}\"}},\"data\":{\"password\":\"" + SECRET_B64_CANARY + "\"},"
                        + "\"stringData\":{\"api-key\":\"" + STRING_DATA_CANARY + "\"},\"type\":\"Opaque\"}";
        String configMap =
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cfg\",\"namespace\":\"alpha-prod\"},"
                        + "\"data\":{\"password\":\"" + CONFIGMAP_CANARY + "\",\"app.properties\":\"db.password="
                        + CONFIGMAP_CANARY + "\"}}";
        String token =
                "{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\",\"spec\":{\"audiences\":[\"api\"]},"
                        + "\"status\":{\"token\":\"" + TOKEN_CANARY
                        + "\",\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"}}";
        events = Files.writeString(
                tmp.resolve("events.jsonl"),
                String.join(
                                "\n",
                                event(
                                        "e1",
                                        "get",
                                        "alice@contoso.com",
                                        "secrets",
                                        null,
                                        "beta-prod",
                                        "db",
                                        null,
                                        secret),
                                event(
                                        "e2",
                                        "create",
                                        "alice@contoso.com",
                                        "configmaps",
                                        null,
                                        "alpha-prod",
                                        "cfg",
                                        configMap,
                                        configMap),
                                event(
                                        "e3",
                                        "create",
                                        "bob@contoso.com",
                                        "serviceaccounts",
                                        "token",
                                        "beta-prod",
                                        "deployer",
                                        null,
                                        token),
                                event(
                                        "e4",
                                        "update",
                                        "alice@contoso.com",
                                        "secrets",
                                        null,
                                        "beta-prod",
                                        "db",
                                        secret,
                                        secret))
                        + "\n");
    }

    private static String event(
            String id,
            String verb,
            String user,
            String resource,
            String subresource,
            String namespace,
            String name,
            String request,
            String response) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\""
                + id + "\","
                + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/" + namespace + "/" + resource
                + "/" + name + "\","
                + "\"verb\":\"" + verb + "\",\"user\":{\"username\":\"" + user
                + "\",\"groups\":[\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"20.61.18.4\"],\"userAgent\":\"kubectl/v1.30\","
                + "\"objectRef\":{\"resource\":\"" + resource + "\","
                + (subresource == null ? "" : "\"subresource\":\"" + subresource + "\",")
                + "\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"code\":200},"
                + (request == null ? "" : "\"requestObject\":" + request + ",")
                + (response == null ? "" : "\"responseObject\":" + response + ",")
                + "\"requestReceivedTimestamp\":\"2026-03-01T10:00:0" + id.charAt(1) + ".000000Z\","
                + "\"stageTimestamp\":\"2026-03-01T10:00:0" + id.charAt(1) + ".100000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"RBAC\","
                + "\"patch.webhook.admission.k8s.io/round_0_index_0\":\"{\\\"patch\\\":[{\\\"op\\\":\\\"add\\\",\\\"path\\\":\\\"/data/k\\\","
                + "\\\"value\\\":\\\"" + PATCH_CANARY + "\\\"}]}\"}}";
    }

    private Path routes(CapturingReceiver r, String delivery) throws Exception {
        Files.writeString(tmp.resolve("hmac.key"), HMAC + "\n");
        Files.writeString(tmp.resolve("slack.url"), r.url("/slack/T0/B0/secret") + "\n");
        return Files.writeString(
                tmp.resolve("routes.yaml"), """
                %s
                sinks:
                  siem: {type: webhook, url: "%s", secretFile: hmac.key, format: ocsf}
                  hook: {type: webhook, url: "%s", secretFile: hmac.key}
                  slack: {type: slack, urlFile: slack.url}
                  am: {type: alertmanager, url: "%s"}
                  archive: {type: file, path: out/alerts.jsonl}
                  console: {type: stdout, format: text}
                routes:
                  - {sinks: [siem, archive, console], continue: true}
                  - {match: {tenants: [alpha]}, sinks: [hook, slack, am]}
                  - {match: {tenants: [beta]}, sinks: [hook, am]}
                """.formatted(delivery, r.url("/siem"), r.url("/hook"), r.url("/am")));
    }

    @Test
    void replayReallySendsToTheSinksBeforeItExitsAndNoSecretReachesAnyPayload() throws Exception {
        try (CapturingReceiver r = new CapturingReceiver(HMAC)) {
            CommandRun run = CommandRun.of(
                    "replay",
                    "--tenancy",
                    tenancy.toString(),
                    "--routes",
                    routes(r, "").toString(),
                    "--cluster",
                    "aks-prod",
                    events.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();

            List<JsonNode> printed = new ArrayList<>();
            for (String line : run.outLines()) {
                if (line.startsWith("{")) {
                    printed.add(Json.mapper().readTree(line));
                }
            }
            List<String> detectors =
                    printed.stream().map(a -> a.get("detector").asText()).toList();
            assertThat(detectors).contains("cross-tenant-secret-access", "configmap-credentials", "token-request");

            // Everything was delivered before replay returned: no waiting here. The two accesses to
            // the same Secret are one finding: the first goes out, the repeat becomes the group's update.
            assertThat(detectors)
                    .filteredOn("cross-tenant-secret-access"::equals)
                    .hasSize(2);
            List<JsonNode> siem = new ArrayList<>();
            for (String body : r.bodies("/siem")) {
                siem.add(Json.mapper().readTree(body));
            }
            assertThat(siem)
                    .hasSize(4)
                    .allSatisfy(f -> assertThat(f.get("class_uid").asInt()).isEqualTo(2004));
            List<JsonNode> hook = new ArrayList<>();
            for (String body : r.bodies("/hook")) {
                hook.add(Json.mapper().readTree(body));
            }
            assertThat(hook)
                    .extracting(a ->
                            a.get("tenant").asText() + ":" + a.get("detector").asText() + ":"
                                    + a.at("/evidence/count").asLong())
                    .containsExactlyInAnyOrder(
                            "beta:cross-tenant-secret-access:1",
                            "alpha:configmap-credentials:1",
                            "beta:token-request:1",
                            "beta:cross-tenant-secret-access:2");
            assertThat(r.bodies("/slack/T0/B0/secret")).hasSize(1);
            assertThat(r.bodies("/am/api/v2/alerts")).hasSize(4);
            assertThat(r.requests())
                    .filteredOn(CapturingReceiver.Request::signed)
                    .hasSize(8)
                    .allMatch(CapturingReceiver.Request::signatureValid);
            List<String> archived = Files.readAllLines(tmp.resolve("out/alerts.jsonl"));
            assertThat(archived).hasSize(4);
            assertThat(run.outLines()).filteredOn(l -> !l.startsWith("{")).hasSize(4);
            assertThat(run.err())
                    .contains("1 repeats grouped into 1 updates", "sink siem: 4 delivered", "sink slack: 1 delivered");

            List<String> payloads = new ArrayList<>(
                    r.requests().stream().map(CapturingReceiver.Request::body).toList());
            payloads.addAll(archived);
            payloads.add(run.out());
            payloads.add(run.err());
            for (String payload : payloads) {
                for (String canary : CANARIES) {
                    assertThat(payload).doesNotContain(canary);
                }
            }
        }
    }

    @Test
    void aSinkThatCannotBeReachedEndsTheReplayWithExit1AndSaysWhich() throws Exception {
        try (CapturingReceiver r = new CapturingReceiver(HMAC)) {
            r.answer(503);
            Path routes = routes(r, "delivery: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 20ms}");
            CommandRun run = CommandRun.of(
                    "replay", "--tenancy", tenancy.toString(), "--routes", routes.toString(), events.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err())
                    .contains(
                            "sink siem: 0 delivered,",
                            "NOT delivered (last: sink down: HTTP 503 after 2 attempts)",
                            "tenantwatch replay: some alerts could not be delivered to their sinks");
        }
    }

    @Test
    void routesProblemsAreUsageErrorsNamingTheFileAndEntry() throws Exception {
        CommandRun missing =
                CommandRun.of("replay", "--routes", tmp.resolve("nope.yaml").toString(), events.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines())
                .containsExactly("tenantwatch replay: " + tmp.resolve("nope.yaml") + ": no such routes file");

        Path bad = Files.writeString(tmp.resolve("bad.yaml"), """
                sinks: {out: {type: stdout}}
                routes: [{sinks: [out, pager]}]
                """);
        CommandRun invalid = CommandRun.of("replay", "--routes", bad.toString(), events.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.errLines())
                .containsExactly(
                        "tenantwatch replay: " + bad + ": routes[0].sinks[1]: no sink named 'pager' (defined: out)");

        Path kafka = Files.writeString(tmp.resolve("kafka.yaml"), """
                sinks: {bus: {type: kafka, topic: soc}}
                routes: [{sinks: [bus]}]
                """);
        CommandRun noBroker = CommandRun.of("replay", "--routes", kafka.toString(), events.toString());
        assertThat(noBroker.exitCode()).isEqualTo(2);
        assertThat(noBroker.errLines())
                .containsExactly("tenantwatch replay: " + kafka
                        + ": sinks.bus: a kafka sink needs bootstrapServers when no Kafka cluster is in use (replay)");
    }
}
