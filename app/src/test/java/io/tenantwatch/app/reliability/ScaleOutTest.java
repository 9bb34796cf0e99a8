package io.tenantwatch.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.TenantWatch;
import io.tenantwatch.app.service.IngestConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.AuditEventLists;
import io.tenantwatch.testkit.events.DeniedRequests;
import io.tenantwatch.testkit.events.PodExecEvents;
import io.tenantwatch.testkit.process.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as operators deploy it: one ingest process (with the broker) and two detection
 * processes ({@code run --components detect}) sharing four partitions. One detection process is
 * killed with SIGKILL mid-stream; the other takes over its tasks, restores their state from the
 * changelogs and finishes the stream: every expected alert is on {@code tw.alerts} exactly once,
 * whether it came from a single event, from a window of group F open across the kill, or after a
 * sender re-sent events the killed process had already deduplicated.
 */
class ScaleOutTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private static final int CLUSTERS = 8;
    private static final int EXECS = 40;
    private static final String TOKEN = "scale-out-token-7d2e9a";

    @TempDir
    Path dir;

    @Test
    void killingOneOfTwoDetectionProcessesLosesAndRepeatsNoAlert() throws Exception {
        ServiceConfig ingestOnly = ServiceConfig.builder(dir.resolve("ingest"))
                .ingest(IngestConfig.of(ReceiverConfig.defaults("default", BearerTokens.of(TOKEN))
                        .withPort(0)))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 4, (short) 1))
                .build();
        Map<String, List<String>> execIds = new java.util.TreeMap<>();
        for (int c = 0; c < CLUSTERS; c++) {
            execIds.put("aks-" + c, new ArrayList<>(PodExecEvents.ids(EXECS)));
        }
        try (TenantWatchService ingest = new TenantWatchService(ingestOnly).start(alert -> {})) {
            assertThat(ingest.awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
            // The survivor takes the killed process's tasks once its session (45 s) has expired.
            try (AutoCloseable keep = this::keepLogs;
                    ExternalProcess first = detection("first", ingest.bootstrapServers());
                    ExternalProcess second = detection("second", ingest.bootstrapServers())) {
                // The first half of every cluster's execs, and a stolen token probing two clusters:
                // twelve denials ten seconds apart, a window that stays open across the kill.
                for (String cluster : execIds.keySet()) {
                    post(ingest, cluster, PodExecEvents.eventList(execIds.get(cluster), 0, EXECS / 2));
                }
                for (String cluster : List.of("aks-1", "aks-6")) {
                    post(ingest, cluster, AuditEventLists.of(probes(0, 6)));
                }
                AlertsTopic.readUntil(
                        ingest.bootstrapServers(),
                        Topics.defaults().alerts(),
                        read -> AlertsTopic.podExecs(read) >= CLUSTERS * EXECS / 4,
                        Duration.ofMinutes(2));

                second.kill();

                for (String cluster : execIds.keySet()) {
                    // A sender's retry of part of what it sent before, then the rest.
                    post(ingest, cluster, PodExecEvents.eventList(execIds.get(cluster), EXECS / 4, EXECS));
                }
                Map<String, String> canaries = new java.util.TreeMap<>();
                for (String cluster : List.of("aks-1", "aks-6")) {
                    post(ingest, cluster, AuditEventLists.of(probes(6, 12)));
                    // An exec in the probes' namespace, hence their partition, right behind them: once
                    // its alert is committed, so are the probes' observations.
                    String canary = PodExecEvents.ids(1).get(0);
                    canaries.put(cluster, canary);
                    execIds.get(cluster).add(canary);
                    post(ingest, cluster, AuditEventLists.of(List.of(inProbedNamespace(canary))));
                }
                // Group F counts an observation up to its grace (5 minutes) behind its task's stream
                // time (docs/architecture.md, "Event time across partitions"). The closing denials
                // below jump a quarter of an hour of event time, so they wait until the survivor has
                // taken over the killed process's partitions and read every probe: sent at once, one
                // cluster's jump could close the other's window while its probes still wait for their
                // new owner, which is the documented limit of the grace, not a loss.
                long tookOver = System.nanoTime();
                AlertsTopic.readUntil(
                        ingest.bootstrapServers(),
                        Topics.defaults().alerts(),
                        read -> read.stream()
                                .flatMap(a -> a.evidence().auditIds().stream())
                                .collect(Collectors.toSet())
                                .containsAll(canaries.values()),
                        Duration.ofMinutes(3));
                System.out.printf(
                        "probes read %d s after the kill%n",
                        Duration.ofNanos(System.nanoTime() - tookOver).toSeconds());
                for (String cluster : List.of("aks-1", "aks-6")) {
                    // The same token, a quarter of an hour later: stream time moves past the first window.
                    post(ingest, cluster, AuditEventLists.of(List.of(DeniedRequests.event(0, START.plusSeconds(900)))));
                }

                List<Alert> alerts = AlertsTopic.readUntil(
                        ingest.bootstrapServers(),
                        Topics.defaults().alerts(),
                        read -> AlertsTopic.podExecs(read) >= CLUSTERS * EXECS + canaries.size()
                                && bursts(read).size() >= 2,
                        Duration.ofMinutes(2));
                Map<String, Long> truncated = logStartOffsets(ingest.bootstrapServers());

                String report = report(alerts, execIds) + "log start offsets > 0: " + truncated + "\n";
                System.out.println(report);
                assertThat(first.alive()).as("the surviving detection process").isTrue();
                assertThat(alerts).as(report).extracting(Alert::id).doesNotHaveDuplicates();
                // The events are weeks older than the broker's clock (a backlog): the broker must not
                // delete alerts or window-store changelogs by their event-time timestamps.
                assertThat(truncated).as(report).isEmpty();
                Map<String, List<String>> execsByCluster = alerts.stream()
                        .filter(a -> "pod-exec".equals(a.detector()))
                        .collect(Collectors.groupingBy(
                                Alert::cluster,
                                java.util.TreeMap::new,
                                Collectors.flatMapping(a -> a.evidence().auditIds().stream(), Collectors.toList())));
                execIds.forEach((cluster, ids) -> assertThat(execsByCluster.get(cluster))
                        .as(cluster + "\n" + report)
                        .containsExactlyInAnyOrderElementsOf(ids));
                assertThat(bursts(alerts))
                        .as("one burst of twelve denials per probed cluster\n" + report)
                        .extracting(Alert::cluster, a -> a.evidence().count())
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("aks-1", 12L),
                                org.assertj.core.groups.Tuple.tuple("aks-6", 12L));
            }
        }
    }

    /**
     * Probes {@code from} to {@code to} (exclusive) of a token, ten seconds apart: denied lists of
     * four kinds of resource, all in namespace beta-prod, so that they share one partition of
     * tw.normalized and reach the burst's window in the order sent, even while the partitions of
     * the killed process wait for their new owner.
     */
    private static List<String> probes(int from, int to) {
        String[] resources = {"secrets", "pods", "services", "serviceaccounts"};
        List<String> out = new ArrayList<>();
        for (int k = from; k < to; k++) {
            // DeniedRequests' probe 0 lists Secrets in beta-prod.
            out.add(DeniedRequests.event(0, START.plusSeconds(10L * k)).replace("secrets", resources[k % 4]));
        }
        return out;
    }

    /** An exec with a fresh auditID into namespace beta-prod, where the probes are. */
    private static String inProbedNamespace(String auditId) {
        return PodExecEvents.exec(auditId, 200)
                .replace("/namespaces/default/", "/namespaces/beta-prod/")
                .replace("\"namespace\":\"default\"", "\"namespace\":\"beta-prod\"");
    }

    /**
     * The partitions whose log no longer starts at offset 0, apart from repartition topics (Kafka
     * Streams purges those itself): what the broker deleted.
     */
    private static Map<String, Long> logStartOffsets(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var names = admin.listTopics().names().get();
            var partitions = new java.util.HashMap<
                    org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            admin.describeTopics(names).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> partitions.put(
                            new org.apache.kafka.common.TopicPartition(name, p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.earliest())));
            return new java.util.TreeMap<>(admin.listOffsets(partitions).all().get().entrySet().stream()
                    .filter(e ->
                            e.getValue().offset() > 0 && !e.getKey().topic().endsWith("-repartition"))
                    .collect(Collectors.toMap(
                            e -> e.getKey().toString(), e -> e.getValue().offset())));
        }
    }

    /** Copies the detection processes' logs out of the JUnit temp dir, to read after a failure. */
    private void keepLogs() throws java.io.IOException {
        Path out = Path.of("target", "scale-out-logs");
        java.nio.file.Files.createDirectories(out);
        for (String name : List.of("first", "second")) {
            Path log = dir.resolve(name + ".log");
            if (java.nio.file.Files.exists(log)) {
                java.nio.file.Files.copy(
                        log, out.resolve(name + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The duplicated alerts and the missing pod-exec audit ids, for the failure message. */
    private static String report(List<Alert> alerts, Map<String, List<String>> execIds) {
        StringBuilder out = new StringBuilder("alerts read: " + alerts.size() + "\n");
        Map<String, List<Alert>> byId = alerts.stream()
                .collect(Collectors.groupingBy(Alert::id, java.util.LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                Alert a = same.get(0);
                out.append("duplicate x")
                        .append(same.size())
                        .append(' ')
                        .append(a.detector())
                        .append(' ')
                        .append(a.cluster())
                        .append(' ')
                        .append(a.evidence().auditIds())
                        .append(" time=")
                        .append(a.time())
                        .append(" id=")
                        .append(id)
                        .append(" positions=")
                        .append(java.util.stream.IntStream.range(0, alerts.size())
                                .filter(i -> alerts.get(i).id().equals(id))
                                .boxed()
                                .toList())
                        .append('\n');
            }
        });
        execIds.forEach((cluster, ids) -> {
            java.util.Set<String> seen = alerts.stream()
                    .filter(a -> "pod-exec".equals(a.detector()) && cluster.equals(a.cluster()))
                    .flatMap(a -> a.evidence().auditIds().stream())
                    .collect(Collectors.toSet());
            List<Integer> missing = java.util.stream.IntStream.range(0, ids.size())
                    .filter(i -> !seen.contains(ids.get(i)))
                    .boxed()
                    .toList();
            if (!missing.isEmpty()) {
                out.append("missing pod-exec ")
                        .append(cluster)
                        .append(" indices ")
                        .append(missing)
                        .append('\n');
            }
        });
        bursts(alerts).forEach(a -> out.append("burst ")
                .append(a.cluster())
                .append(" count=")
                .append(a.evidence().count())
                .append(" time=")
                .append(a.time())
                .append('\n'));
        return out.toString();
    }

    private static List<Alert> bursts(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> "forbidden-burst".equals(a.detector()))
                .toList();
    }

    private static void post(TenantWatchService ingest, String cluster, String eventList) throws Exception {
        var response = ReceiverRequests.post(ingest.receiverPort(), "/v1/audit/" + cluster, TOKEN, eventList);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** {@code tenantwatch run --components detect} in a JVM of its own, on the ingest process's broker. */
    private ExternalProcess detection(String name, String bootstrapServers) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.producer=info",
                "-cp",
                System.getProperty("java.class.path"),
                TenantWatch.class.getName(),
                "run",
                "--components",
                "detect",
                "--bootstrap-servers",
                bootstrapServers,
                "--partitions",
                "4",
                "--metrics-port",
                "0",
                "--data-dir",
                dir.resolve(name).toString()));
        ExternalProcess process = ExternalProcess.start(
                "detection process " + name,
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())),
                log);
        process.awaitReady(Duration.ofSeconds(90), Duration.ofMillis(200), () -> process.logText()
                .contains("tenantwatch run (detect)"));
        return process;
    }
}
