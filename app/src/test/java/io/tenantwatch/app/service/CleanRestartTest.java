package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.app.CapturedStderr;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.testkit.events.AuditEventLists;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop checkpoints every store of every task, so that the next start resumes from its
 * local state: no task is declared corrupted, nothing is wiped and rebuilt from the changelogs,
 * and the log does not cry wolf. Most group F stores are still empty here (no denied requests,
 * no Falco alert), which is exactly what used to leave them without an offset.
 */
class CleanRestartTest {

    /** Partitions of the service's topics in {@link ServiceTest#options}. */
    private static final int PARTITIONS = 2;

    /** A list of configmaps by a controller's service account, its token bound to pod {@code pod}. */
    private static String controllerRequest(String pod) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\""
                + UUID.randomUUID()
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/ops/configmaps\",\"verb\":\"list\","
                + "\"user\":{\"username\":\"system:serviceaccount:ops:controller\",\"groups\":[\"system:serviceaccounts\"],"
                + "\"extra\":{\"authentication.kubernetes.io/pod-name\":[\"" + pod + "\"],"
                + "\"authentication.kubernetes.io/credential-id\":[\"JTI=" + UUID.randomUUID() + "\"]}},"
                + "\"sourceIPs\":[\"10.244.1.7\"],\"objectRef\":{\"resource\":\"configmaps\",\"namespace\":\"ops\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\"2026-11-20T09:00:00.000000Z\","
                + "\"stageTimestamp\":\"2026-11-20T09:00:01.000000Z\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"}}";
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    @TempDir
    Path dataDir;

    @Test
    void aRestartAfterACleanStopFindsNoCorruptedTask() throws Exception {
        List<Alert> printed = new CopyOnWriteArrayList<>();
        try (TenantWatchService first = new TenantWatchService(ServiceTest.options(dataDir)).start(printed::add)) {
            await().atMost(Duration.ofSeconds(60)).until(first::ready);
            // An exec in namespaces that reach every partition of tw.normalized (keyed cluster/namespace),
            // and a request by a pod's service account for pods that reach every partition of the
            // join's request side (keyed cluster and pod), as a live cluster's controllers make.
            List<String> events = new ArrayList<>();
            Set<Integer> namespaces = new HashSet<>();
            for (int i = 0; namespaces.size() < PARTITIONS; i++) {
                if (namespaces.add(partitionOf("restart/ns-" + i))) {
                    events.add(PodExecEvents.exec(UUID.randomUUID().toString(), i)
                            .replace("\"default\"", "\"ns-" + i + "\"")
                            .replace("/namespaces/default/", "/namespaces/ns-" + i + "/"));
                }
            }
            Set<Integer> pods = new HashSet<>();
            for (int i = 0; pods.size() < PARTITIONS; i++) {
                if (pods.add(partitionOf("restart\u001Fcontroller-" + i))) {
                    events.add(controllerRequest("controller-" + i));
                }
            }
            String list = AuditEventLists.of(events);
            assertThat(ServiceTest.post(first.receiverPort(), "/v1/audit/restart", ServiceTest.TOKEN, list)
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(printed)
                    .filteredOn(a -> a.detector().equals("pod-exec"))
                    .hasSize(PARTITIONS));
            // Past the moment every store has been written once.
            Thread.sleep(2_000);
        }

        String log;
        try (CapturedStderr stderr = CapturedStderr.start();
                TenantWatchService second = new TenantWatchService(ServiceTest.options(dataDir)).start(alert -> {})) {
            await().atMost(Duration.ofSeconds(60)).until(second::ready);
            assertThat(second.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            log = stderr.text();
        }
        assertThat(log).doesNotContain("TaskCorruptedException").doesNotContain("corrupted");
    }
}
