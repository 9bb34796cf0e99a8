package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantwatch.app.Version;
import io.tenantwatch.app.service.AlertingConfig;
import io.tenantwatch.app.service.DetectConfig;
import io.tenantwatch.app.service.IngestConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.tenancy.cluster.ClusterBinding;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.Corpus;
import io.tenantwatch.testkit.events.AuditEventLists;
import io.tenantwatch.testkit.kubernetes.MockCluster;
import io.tenantwatch.testkit.process.PrometheusServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and rules of deploy/ against the real service: it runs with the tenancy directory
 * on a CRUD-mode API server, takes audit events and Falco alerts over HTTP (twice, so counters
 * move), and is scraped by a real Prometheus. Every metric a dashboard or rule uses must be on
 * /metrics and documented in docs/metrics.md, every dashboard query must return a series, and
 * every rule must evaluate without error. Metrics that exist only when a part that cannot run
 * here is configured are listed in {@link #NOT_EXPORTED_HERE}, with the reason.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ExportedMetricsTest {

    static final String TOKEN = "metrics-test-token-7c1e";
    static final String CLUSTER = "aks-metrics";

    /** Used by dashboards or rules, not exported in this test's configuration: name → why. */
    static final Map<String, String> NOT_EXPORTED_HERE = notExportedHere();

    private static Map<String, String> notExportedHere() {
        Map<String, String> reasons = new java.util.TreeMap<>();
        String eventHubs = "registered per hub by the Event Hubs bridge (--eventhubs), which needs Azure Event Hubs; "
                + "ingest's eventhubs tests check them";
        for (String name : List.of(
                "lag",
                "checkpoint_age_seconds",
                "messages_total",
                "records_total",
                "records_by_reason_total",
                "errors_total",
                "write_retries_total",
                "checkpoint_failures_total")) {
            reasons.put("tenantwatch_eventhubs_" + name, eventHubs);
        }
        String sinks =
                "registered by the alert pipeline when a routes file (--routes) configures sinks; alerting's tests check them";
        for (String name : List.of(
                "deliveries_total",
                "delivery_latency_seconds_bucket",
                "circuit_state",
                "retries_total",
                "retry_waiting",
                "suppressed_total",
                "unrouted_total",
                "dead_letters_total")) {
            reasons.put("tenantwatch_alerting_" + name, sinks);
        }
        reasons.put(
                "tenantwatch_receiver_certificate_expiry_seconds",
                "registered when the receivers serve TLS (--tls-cert); ingest's ReceiverCertificateReloadTest checks it");
        return reasons;
    }

    private static final Pattern EXPORTED_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private TenantWatchService service;
    private PrometheusServer prometheus;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyMetricTheDashboardsAndRulesUseIsDocumentedInTheCatalogue() throws IOException {
        String catalogue = Files.readString(MonitoringFiles.CATALOGUE);
        Set<String> used = MonitoringFiles.metricNames(MonitoringFiles.allQueries());
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(used).allSatisfy(name -> assertThat(catalogue)
                .as("docs/metrics.md documents " + name)
                .contains(baseName(name)));
    }

    @Test
    void theAllowListHoldsOnlyMetricsInUseThatTheCodeRegisters() throws IOException {
        Set<String> used = MonitoringFiles.metricNames(MonitoringFiles.allQueries());
        assertThat(used).containsAll(NOT_EXPORTED_HERE.keySet());
        String mainSources = mainSources();
        for (String name : NOT_EXPORTED_HERE.keySet()) {
            String dotted = baseName(name).replace('_', '.');
            assertThat(mainSources)
                    .as(name + " is registered as \"" + dotted + "\" somewhere")
                    .contains("\"" + dotted + "\"");
        }
    }

    @Test
    void theRunningServiceExportsEverySeriesTheDashboardsAndRulesUse() throws Exception {
        namespace("alpha", "alpha");
        namespace("shop", "beta");
        Path kubeconfig = MockCluster.kubeconfig(server, dir, "mock");
        Path detectors = dir.resolve("detectors.yaml");
        Files.writeString(detectors, "detectors:\n  port-forward: {enabled: false}\n");
        ServiceConfig options = ServiceConfig.builder(dir.resolve("data"))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .ingest(IngestConfig.of(ReceiverConfig.defaults(CLUSTER, BearerTokens.of(TOKEN))
                                .withPort(0))
                        .withClusters(ClusterBinding.of(kubeconfig, List.of("mock=" + CLUSTER), CLUSTER)))
                .detect(DetectConfig.DEFAULTS.withDetectors(DetectorConfig.DEFAULTS, detectors))
                .alerting(AlertingConfig.OUTPUT_ONLY)
                .build();
        service = new TenantWatchService(options).start(alerts::add);
        await().atMost(Duration.ofSeconds(90)).until(service::ready);
        prometheus = PrometheusServer.start(
                Files.createDirectories(dir.resolve("prometheus")), service.metricsPort(), MonitoringFiles.RULES);
        awaitScrapes(3);

        // Twice, a few scrapes apart: a counter born with the first batch moves with the second.
        for (int batch = 0; batch < 2; batch++) {
            int before = alerts.size();
            sendTraffic();
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.size() >= before + 3);
            awaitScrapes(4);
        }

        String scrape = get("http://127.0.0.1:" + service.metricsPort() + "/metrics");
        assertThat(scrape)
                .as("no user, pod, namespace or address as a label")
                .doesNotContain(
                        "alice@contoso.com",
                        "system:serviceaccount:alpha:deployer",
                        "minikube-user",
                        "10.244.1.23",
                        "nginx-deployment",
                        "db-credentials",
                        "user=\"",
                        "pod=\"",
                        "namespace=\"",
                        "ip=\"");
        assertThat(scrape)
                .as("the build says which it is")
                .contains("tenantwatch_build_info{java=\"" + Runtime.version().feature() + "\",version=\""
                        + Version.current() + "\"} 1");
        Set<String> exported = exportedNames(scrape);
        Set<String> used = MonitoringFiles.metricNames(MonitoringFiles.allQueries());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        missing.removeAll(NOT_EXPORTED_HERE.keySet());
        assertThat(missing).as("used by dashboards or rules, not on /metrics").isEmpty();
        Set<String> stale = new TreeSet<>(NOT_EXPORTED_HERE.keySet());
        stale.retainAll(exported);
        assertThat(stale)
                .as("exported after all: take them off NOT_EXPORTED_HERE")
                .isEmpty();

        List<String> empty = new ArrayList<>();
        Map<String, String> variables = Map.of("tenant", "beta", "cluster", CLUSTER, "job", "tenantwatch");
        Map<String, String> intervals = Map.of("__rate_interval", "2m", "__interval", "2m", "__range", "1h");
        for (MonitoringFiles.Query q : MonitoringFiles.dashboardQueries()) {
            if (MonitoringFiles.metricNames(q.expr()).stream().anyMatch(NOT_EXPORTED_HERE::containsKey)) {
                continue;
            }
            JsonNode result = prometheus.query(MonitoringFiles.substitute(q.expr(), intervals, variables));
            if (result.isEmpty()) {
                empty.add(q.where() + ": " + q.expr());
            }
        }
        assertThat(empty).as("dashboard queries that show no series").isEmpty();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> unhealthy = new ArrayList<>();
            int evaluated = 0;
            for (JsonNode group : prometheus.rules()) {
                for (JsonNode rule : group.get("rules")) {
                    evaluated++;
                    if (!"ok".equals(rule.path("health").asText())) {
                        unhealthy.add(rule.path("name").asText() + ": "
                                + rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            assertThat(evaluated).isEqualTo(MonitoringFiles.ruleQueries().size());
            assertThat(unhealthy).isEmpty();
        });
        assertThat(prometheus.query("ALERTS{alertname=\"TenantwatchMetricsAbsent\"}"))
                .as("the service is seen")
                .isEmpty();
    }

    private void sendTraffic() throws Exception {
        Instant now = Instant.now();
        List<String> items = new ArrayList<>();
        // A stolen alpha token reading beta's secret, a privileged pod in alpha, an exec, a list, and a
        // RequestReceived stage that ingest skips by design.
        items.add(event(
                "get",
                "secrets",
                "shop",
                "db-credentials",
                "system:serviceaccount:alpha:deployer",
                "ResponseComplete",
                now));
        items.add(event("list", "pods", "alpha", null, "alice@contoso.com", "ResponseComplete", now));
        items.add(event("get", "configmaps", "alpha", "settings", "alice@contoso.com", "RequestReceived", now));
        items.add(fromCorpus("create_nginx_pod_privileged.json", "alpha"));
        items.add(fromCorpus("exec_pod.json", "alpha"));
        post("/v1/audit/" + CLUSTER, AuditEventLists.of(items), 200);

        ObjectNode falco = (ObjectNode)
                JSON.readTree(Files.readString(Corpus.file("falco-alerts/falcosidekick__README__8807ab7b.jsonl")));
        falco.put("time", now.toString()).put("uuid", UUID.randomUUID().toString());
        ((ObjectNode) falco.get("output_fields")).put("k8s.ns.name", "alpha");
        post("/v1/falco/" + CLUSTER, falco.toString(), 200);

        post("/v1/audit/" + CLUSTER, "this is not json", 400);
        HttpResponse<String> unauthorized = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.receiverPort() + "/v1/audit"))
                        .header("Authorization", "Bearer wrong")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }

    private static String event(
            String verb, String resource, String namespace, String name, String user, String stage, Instant time) {
        String saNamespace = user.startsWith("system:serviceaccount:") ? user.split(":")[2] : null;
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"%s","stage":"%s","requestURI":"/api/v1/namespaces/%s/%s%s","verb":"%s","user":{"username":"%s","groups":[%s"system:authenticated"]},"sourceIPs":["10.244.1.23"],"userAgent":"kubectl/v1.31.2","objectRef":{"resource":"%s","namespace":"%s"%s,"apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"%s","stageTimestamp":"%s","annotations":{"authorization.k8s.io/decision":"allow"}}""".formatted(
                UUID.randomUUID(),
                stage,
                namespace,
                resource,
                name == null ? "" : "/" + name,
                verb,
                user,
                saNamespace == null ? "" : "\"system:serviceaccounts\",\"system:serviceaccounts:" + saNamespace + "\",",
                resource,
                namespace,
                name == null ? "" : ",\"name\":\"" + name + "\"",
                time,
                time);
    }

    /** A corpus audit event as a new request: a fresh auditID (so it is no duplicate) in {@code namespace}. */
    private static String fromCorpus(String file, String namespace) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(
                Files.readString(Corpus.file("falco-k8s-audit/" + file)).strip());
        event.put("auditID", UUID.randomUUID().toString());
        ((ObjectNode) event.get("objectRef")).put("namespace", namespace);
        return event.toString();
    }

    private void post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.receiverPort() + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
    }

    private void awaitScrapes(int more) throws Exception {
        double start = prometheus.scrapes();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.scrapes() >= start + more);
    }

    private void namespace(String name, String tenant) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("tenantwatch.io/tenant", tenant)
                        .endMetadata()
                        .build())
                .create();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static Set<String> exportedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = EXPORTED_NAME.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The name a catalogue or a Micrometer meter uses: without the suffixes Prometheus' exposition adds. */
    static String baseName(String name) {
        for (String suffix : List.of(
                "_seconds_bucket",
                "_seconds_count",
                "_seconds_sum",
                "_seconds_max",
                "_seconds",
                "_total",
                "_bucket",
                "_count",
                "_sum",
                "_max")) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String module : List.of("ingest", "detectors", "alerting", "app")) {
            Path main = MonitoringFiles.ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }
}
