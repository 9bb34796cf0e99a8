package io.tenantwatch.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.app.CapturedStderr;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.app.service.AlertingConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.eventhubs.HubDelivery;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets sent through every entry point (both HTTP receivers, the Event Hubs handler, replay),
 * in accepted and in rejected records, must come out nowhere: not on any topic (read back from the
 * broker's segment files with Kafka's own record reader, which decompresses batches, so internal
 * topics, changelogs and the DLQ are covered), not in the alerts printed in any format, not in
 * the sinks (a file and a signed webhook), not in the log, not on /metrics. The inputs are the
 * shapes secrets really arrive in: a bearer header URL-encoded in an exec command, passwords on
 * command lines, a JWT, Secret and ConfigMap bodies, Falco's {@code proc.env}, AKS logs that start
 * with a byte-order mark and are rejected.
 */
class CanaryTest {

    private static final String TOKEN = "canary-receiver-token-7b1e";

    private static final String BEARER = "cnryBearer7Qx9";
    private static final String MYSQL = "cnryMysql4Rt2";
    private static final String PGPASS = "cnryPgpass8Kd1";
    private static final String JWT_SIGNATURE = "cnryJwtSig5Lm";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbnJ5In0." + JWT_SIGNATURE;
    private static final String SECRET_DATA = "cnrySecretData2Wn5";
    private static final String STRING_DATA = "cnryStringData6Pz3";
    private static final String CONFIGMAP_VALUE = "cnryConfigMap9Vb4";
    private static final String LAST_APPLIED = "cnryLastApplied3Hs8";
    private static final String FALCO_CMDLINE = "cnryFalcoCmd1Jq7";
    private static final String FALCO_ENV = "cnryFalcoEnv5Ty6";
    private static final String REDIS = "cnryRedis0Mn3";
    private static final List<String> CANARIES = List.of(
            BEARER,
            MYSQL,
            PGPASS,
            JWT_SIGNATURE,
            SECRET_DATA,
            STRING_DATA,
            CONFIGMAP_VALUE,
            LAST_APPLIED,
            FALCO_CMDLINE,
            FALCO_ENV,
            REDIS);

    @TempDir
    Path dir;

    @Test
    void noSecretReachesATopicAnOutputALogOrAMetric() throws Exception {
        CapturedStderr log = CapturedStderr.start();
        List<String> webhookBodies = new CopyOnWriteArrayList<>();
        HttpServer webhook = webhookReceiver(webhookBodies);
        List<Alert> printed = new CopyOnWriteArrayList<>();
        Path data = dir.resolve("data");
        String metrics;
        try {
            Path routes = routes(webhook.getAddress().getPort());
            ServiceConfig options = ServiceConfig.builder(data)
                    .allParts("default", BearerTokens.of(TOKEN))
                    .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                    .alerting(new AlertingConfig(new RoutesLoader().load(routes)))
                    .build();
            try (TenantWatchService service = new TenantWatchService(options).start(printed::add)) {
                await().atMost(Duration.ofSeconds(60)).until(service::ready);

                assertThat(post(service.receiverPort(), "/v1/audit/canary-http", auditEvents("http")))
                        .isEqualTo(200);
                assertThat(post(service.receiverPort(), "/v1/audit/canary-aks", aksBody("aks")))
                        .isEqualTo(200);
                assertThat(post(service.receiverPort(), "/v1/falco/canary-falco", falcoAlerts("falco")))
                        .isEqualTo(200);
                HubDelivery.deliver(
                        service.bootstrapServers(),
                        Topics.defaults(),
                        false,
                        "canary-eh",
                        List.of(aksBody("eh").getBytes(StandardCharsets.UTF_8)));
                HubDelivery.deliver(
                        service.bootstrapServers(),
                        Topics.defaults(),
                        true,
                        "canary-eh-falco",
                        falcoAlerts("ehf")
                                .lines()
                                .map(l -> l.getBytes(StandardCharsets.UTF_8))
                                .toList());

                // Every entry point's exec and Falco alert came out as alerts, delivered to both sinks.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(printed)
                            .filteredOn(a -> a.detector().equals("pod-exec"))
                            .flatExtracting(a -> a.evidence().auditIds())
                            .contains("canary-http-exec", "canary-aks-exec", "canary-eh-exec");
                    assertThat(printed)
                            .filteredOn(a -> a.detector().equals("falco-runtime"))
                            .extracting(a -> a.cluster())
                            .contains("canary-falco", "canary-eh-falco");
                });
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(dir.resolve("sinks/alerts.jsonl")).content().contains("canary-eh-falco");
                    assertThat(dir.resolve("sinks/alerts.ocsf.jsonl")).content().contains("canary-eh-falco");
                    assertThat(String.join("\n", webhookBodies)).contains("canary-eh-falco");
                });
                metrics = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + service.metricsPort() + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            }
        } finally {
            log.close();
            webhook.stop(0);
        }

        Alert exec = printed.stream()
                .filter(a -> "canary-http".equals(a.cluster()) && "pod-exec".equals(a.detector()))
                .findFirst()
                .orElseThrow();
        assertThat(exec.evidence().requestURI())
                .as("the exec command is kept, its credentials are not")
                .contains("mysql+-uroot+-p[redacted]+shop", "https://kubernetes.default", "redis-cli+-a+[redacted]");
        for (Alert alert : printed) {
            for (AlertFormat format : AlertFormat.values()) {
                assertNoCanary("printed alert (" + format + ")", format.format(alert));
            }
        }
        assertNoCanary("file sink", Files.readString(dir.resolve("sinks/alerts.jsonl")));
        assertNoCanary("OCSF file sink", Files.readString(dir.resolve("sinks/alerts.ocsf.jsonl")));
        assertNoCanary("webhook sink", String.join("\n", webhookBodies));
        assertNoCanary("/metrics", metrics);
        assertNoCanary("log", log.text());

        Map<String, StringBuilder> topics = readSegments(data.resolve("kafka"));
        assertThat(topics.keySet())
                .as("topics read back from their segments")
                .contains("tw.normalized", "tw.dlq", "tw.alerts", "tw.attributed");
        assertThat(topics.get("tw.normalized").toString()).contains("canary-http-exec", "canary-eh-exec", "[redacted]");
        assertThat(topics.get("tw.dlq").toString())
                .as("the rejected records are there, redacted")
                .contains("missing-field", "[redacted]", "canary-http-rejected");
        topics.forEach((topic, text) -> assertNoCanary("topic " + topic, text.toString()));

        assertReplayLeaksNothing();
    }

    private void assertReplayLeaksNothing() throws IOException {
        Path input = dir.resolve("replay.jsonl");
        StringBuilder lines = new StringBuilder();
        for (String body : List.of(auditEvents("replay"), aksBody("replay-aks"), falcoAlerts("replay-falco"))) {
            if (body.startsWith("{\"kind\":\"EventList\"")) {
                for (var item : Json.mapper().readTree(body).get("items")) {
                    lines.append(item).append('\n');
                }
            } else {
                lines.append(body.strip()).append('\n');
            }
        }
        Files.writeString(input, lines);
        Path routes = replayRoutes();
        for (String format : List.of("json", "text", "ocsf")) {
            CommandRun run = format.equals("json")
                    ? CommandRun.of(
                            "replay", "--format", format, "--stats", "--routes", routes.toString(), input.toString())
                    : CommandRun.of("replay", "--format", format, input.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("pod-exec");
            assertNoCanary("replay stdout (" + format + ")", run.out());
            assertNoCanary("replay stderr (" + format + ")", run.err());
        }
        assertNoCanary("replay's file sink", Files.readString(dir.resolve("sinks/replay.jsonl")));
    }

    private static void assertNoCanary(String where, String text) {
        for (String canary : CANARIES) {
            assertThat(text).as(where + " holds the canary " + canary).doesNotContain(canary);
        }
    }

    /** Every record of every topic, key, value and headers as text, from the broker's own segment files. */
    private static Map<String, StringBuilder> readSegments(Path kafkaDir) throws IOException {
        Map<String, StringBuilder> byTopic = new TreeMap<>();
        List<Path> segments;
        try (Stream<Path> files = Files.walk(kafkaDir)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .toList();
        }
        for (Path segment : segments) {
            String partitionDir = segment.getParent().getFileName().toString();
            String topic = partitionDir.substring(0, partitionDir.lastIndexOf('-'));
            StringBuilder text = byTopic.computeIfAbsent(topic, t -> new StringBuilder());
            try (FileRecords records = FileRecords.open(segment.toFile(), false, true, 0, false)) {
                for (Record record : records.records()) {
                    text.append(utf8(record.key())).append('\t').append(utf8(record.value()));
                    for (Header header : record.headers()) {
                        text.append('\t')
                                .append(header.key())
                                .append('=')
                                .append(
                                        header.value() == null
                                                ? ""
                                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    text.append('\n');
                }
            }
        }
        return byTopic;
    }

    private static String utf8(ByteBuffer buffer) {
        if (buffer == null) {
            return "";
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Path routes(int webhookPort) throws IOException {
        Path secret = dir.resolve("webhook.key");
        Files.writeString(secret, "webhook-hmac-key-for-the-canary-test");
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                sinks:
                  archive: {type: file, path: sinks/alerts.jsonl}
                  siem: {type: file, path: sinks/alerts.ocsf.jsonl, format: ocsf}
                  soc: {type: webhook, url: "http://127.0.0.1:%d/intake", secretFile: webhook.key}
                routes:
                  - {name: everything, sinks: [archive, siem, soc]}
                """.formatted(webhookPort));
        return routes;
    }

    private Path replayRoutes() throws IOException {
        Path routes = dir.resolve("replay-routes.yaml");
        Files.writeString(routes, """
                sinks:
                  archive: {type: file, path: sinks/replay.jsonl}
                routes:
                  - {name: everything, sinks: [archive]}
                """);
        return routes;
    }

    private static HttpServer webhookReceiver(List<String> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/intake", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertNoCanary("receiver response", response.body());
        return response.statusCode();
    }

    // ---- the inputs: where secrets really are ----

    private static ObjectNode event(
            String id, String verb, String stage, String resource, String subresource, String name, int code) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("kind", "Event")
                .put("apiVersion", "audit.k8s.io/v1")
                .put("level", "RequestResponse")
                .put("auditID", id)
                .put("stage", stage)
                .put("verb", verb);
        e.putObject("user")
                .put("username", "mallory@contoso.com")
                .putArray("groups")
                .add("system:authenticated");
        e.putArray("sourceIPs").add("203.0.113.7");
        e.put("userAgent", "kubectl/v1.30.2");
        ObjectNode ref = e.putObject("objectRef")
                .put("resource", resource)
                .put("namespace", "beta-prod")
                .put("name", name)
                .put("apiVersion", "v1");
        if (subresource != null) {
            ref.put("subresource", subresource);
        }
        e.putObject("responseStatus").put("code", code);
        e.put("requestReceivedTimestamp", "2026-12-07T05:00:00.000000Z")
                .put("stageTimestamp", "2026-12-07T05:00:00.100000Z");
        e.putObject("annotations")
                .put("authorization.k8s.io/decision", "allow")
                .put("authorization.k8s.io/reason", "RBAC: allowed by ClusterRoleBinding \"ops\"");
        return e;
    }

    /** An exec whose command carries a URL-encoded bearer header, a JWT and passwords. */
    private static ObjectNode exec(String id) {
        ObjectNode e = event(id, "create", "ResponseStarted", "pods", "exec", "db-0", 101);
        e.put(
                "requestURI",
                "/api/v1/namespaces/beta-prod/pods/db-0/exec?container=db"
                        + "&command=sh&command=-c&command=curl+-H+%22Authorization%3A%20Bearer%20" + BEARER
                        + "%22+https%3A%2F%2Fkubernetes.default"
                        + "%3B+mysql+-uroot+-p" + MYSQL + "+shop%3B+echo+" + JWT
                        + "%3B+PGPASSWORD%3D" + PGPASS + "+psql+-h+db%3B+redis-cli+-a+" + REDIS
                        + "+ping&stdin=true&stdout=true&tty=true");
        return e;
    }

    /** The same command in the exec's PodExecOptions only, as a Request-level audit event may carry it. */
    private static ObjectNode execOptions(String id) {
        ObjectNode e = event(id, "create", "ResponseStarted", "pods", "exec", "db-1", 101);
        e.put("requestURI", "/api/v1/namespaces/beta-prod/pods/db-1/exec?container=db&stdin=true&stdout=true");
        ObjectNode options = e.putObject("requestObject").put("kind", "PodExecOptions");
        options.putArray("command")
                .add("sh")
                .add("-c")
                .add("curl -H \"Authorization: Bearer " + BEARER + "\" https://kubernetes.default; mysql -uroot -p"
                        + MYSQL + " shop; echo " + JWT + "; PGPASSWORD=" + PGPASS + " psql -h db; redis-cli -a "
                        + REDIS + " ping");
        return e;
    }

    private static final String SECRET_BODY =
            "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"db\",\"namespace\":\"beta-prod\","
                    + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"password\\\":\\\""
                    + LAST_APPLIED
                    + "\\\"}}\"}},\"data\":{\"password\":\"" + SECRET_DATA + "\"},\"stringData\":{\"api-key\":\""
                    + STRING_DATA + "\"},\"type\":\"Opaque\"}";
    private static final String CONFIGMAP_BODY =
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cfg\"},"
                    + "\"data\":{\"password\":\"" + CONFIGMAP_VALUE + "\",\"app.properties\":\"db.password="
                    + CONFIGMAP_VALUE + "\"}}";

    private static ObjectNode write(String id, String resource, String name, String body) {
        ObjectNode e = event(id, "create", "ResponseComplete", resource, null, name, 201);
        e.put("requestURI", "/api/v1/namespaces/beta-prod/" + resource);
        e.set("requestObject", Json.mapper().valueToTree(parse(body)));
        e.set("responseObject", Json.mapper().valueToTree(parse(body)));
        return e;
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EventList: an exec (its command in the URI, then in its options), a Secret and a ConfigMap written, and a Secret write rejected for its missing auditID. */
    private static String auditEvents(String prefix) {
        ObjectNode list =
                Json.mapper().createObjectNode().put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
        ArrayNode items = list.putArray("items");
        items.add(exec("canary-" + prefix + "-exec"));
        items.add(execOptions("canary-" + prefix + "-exec-options"));
        items.add(write("canary-" + prefix + "-secret", "secrets", "db", SECRET_BODY));
        items.add(write("canary-" + prefix + "-configmap", "configmaps", "cfg", CONFIGMAP_BODY));
        ObjectNode rejected = write("canary-" + prefix + "-rejected", "secrets", "db2", SECRET_BODY);
        rejected.remove("auditID");
        rejected.put("requestURI", "/api/v1/namespaces/beta-prod/secrets?note=canary-" + prefix + "-rejected");
        items.add(rejected);
        return list.toString();
    }

    /** An AKS Event Hubs body: an exec, and a Secret write whose log starts with a byte-order mark and is rejected. */
    private static String aksBody(String prefix) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode records = body.putArray("records");
        ObjectNode rejected = write("canary-" + prefix + "-rejected", "secrets", "db", SECRET_BODY);
        rejected.remove("auditID");
        for (ObjectNode event : List.of(exec("canary-" + prefix + "-exec"), rejected)) {
            ObjectNode record = records.addObject();
            record.put(
                    "resourceId",
                    "/SUBSCRIPTIONS/S-1/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/CANARY-AKS");
            record.put("category", "kube-audit")
                    .put("time", "2026-12-07T05:00:01.0000000Z")
                    .put("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read");
            record.putObject("properties")
                    .put("log", "\uFEFF " + event + "\n")
                    .put("stream", "stdout")
                    .put("pod", "kube-apiserver-1");
        }
        return body.toString();
    }

    /** Falco alerts as JSON lines: a password on the command line and the whole environment, and one rejected (bad time). */
    private static String falcoAlerts(String prefix) {
        List<String> lines = new ArrayList<>();
        for (String time : List.of("2026-12-07T05:00:02.123456789Z", "not-a-time")) {
            ObjectNode alert = Json.mapper().createObjectNode();
            alert.put("uuid", "canary-" + prefix + "-" + (time.startsWith("not") ? "rejected" : "alert"));
            alert.put(
                    "output",
                    "05:00:02 Notice A shell was spawned (user=root cmdline=mysql -uroot -p" + FALCO_CMDLINE
                            + " env=AWS_SECRET_ACCESS_KEY=" + FALCO_ENV + ")");
            alert.put("priority", "Notice")
                    .put("rule", "Terminal shell in container")
                    .put("time", time)
                    .put("source", "syscall")
                    .put("hostname", "aks-nodepool1-1");
            alert.putArray("tags").add("shell").add("mitre_execution");
            alert.putObject("output_fields")
                    .put("k8s.ns.name", "beta-prod")
                    .put("k8s.pod.name", "db-0")
                    .put("user.name", "root")
                    .put("proc.cmdline", "mysql -uroot -p" + FALCO_CMDLINE + " shop")
                    .put("proc.env", "HOME=/root AWS_SECRET_ACCESS_KEY=" + FALCO_ENV)
                    .put("container.image.repository", "docker.io/library/mysql");
            lines.add(alert.toString());
        }
        return String.join("\n", lines) + "\n";
    }
}
