package io.tenantwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled scenario raises every detector of the core slice once, and its benign traffic nothing. */
class DemoCommandTest {

    @Test
    void theScenarioRaisesEachAttackAndNothingForBenignTraffic() {
        CommandRun run = CommandRun.of("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> alertRows = run.outLines().stream().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d .*")).toList();
        assertThat(alertRows).extracting(row -> row.split("\\s+")[2]).containsExactlyInAnyOrder(
                "cross-tenant-read", "cross-tenant-secret-access", "cross-tenant-write", "cross-tenant-exec",
                "cross-tenant-denied", "privileged-container", "privileged-container", "pod-exec",
                "falco-runtime", "falco-runtime");
        // Benign: alice in her own tenant, bob reading his own secret, AKS, nodes, Prometheus.
        assertThat(alertRows).noneMatch(row -> row.contains("alice@contoso.com") || row.contains("bob@contoso.com")
                || row.contains("aksService") || row.contains("system:node:") || row.contains("prometheus"));
        // The duplicate AKS delivery, the klog record, the RequestReceived stage and Falco's own alert are counted, not alerted.
        assertThat(run.out()).contains("duplicate 1").contains("other-category 1").contains("stage 1").contains("not-runtime 1");
    }
}
