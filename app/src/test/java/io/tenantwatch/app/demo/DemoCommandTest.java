package io.tenantwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.app.TenantWatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo runs the whole service on the embedded broker and feeds the bundled scenario through the
 * HTTP receivers: every detector of the core slice fires as the story says, benign traffic raises nothing.
 */
class DemoCommandTest {

    @Test
    void theScenarioRaisesEachAttackAndNothingForBenignTraffic() {
        CommandRun run = CommandRun.of("demo", "--metrics-port", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> alertRows = run.outLines().stream()
                .filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d .*"))
                .toList();
        assertThat(alertRows)
                .extracting(row -> row.split("\\s+")[2])
                .containsExactlyInAnyOrder(
                        "cross-tenant-read",
                        "cross-tenant-secret-access",
                        "cross-tenant-write",
                        "cross-tenant-exec",
                        "exec-suspicious-command",
                        "cross-tenant-denied",
                        "privileged-container",
                        "privileged-container",
                        "pod-exec",
                        "break-glass-admin",
                        "falco-runtime",
                        "falco-runtime");
        // Benign: alice in her own tenant, bob reading his own secret, AKS, nodes, Prometheus.
        assertThat(alertRows)
                .noneMatch(row -> row.contains("alice@contoso.com")
                        || row.contains("bob@contoso.com")
                        || row.contains("aksService")
                        || row.contains("system:node:")
                        || row.contains("prometheus"));
        // The duplicate AKS delivery, the klog record, the RequestReceived stage and Falco's own alert are counted, not
        // alerted.
        assertThat(run.out())
                .contains("duplicate 1")
                .contains("other-category 1")
                .contains("stage 1")
                .contains("not-runtime 1");
    }

    @Test
    void aScenarioThatRaisesNothingIsAFailureNeverASuccessWithAnEmptyTable() {
        // The failure once seen on a loaded machine: exit 0 with no alert row. Whatever the cause
        // (here: a scenario of benign traffic only), the demo must say so and fail.
        CommandLine cmd = TenantWatch.commandLine();
        ((DemoCommand) cmd.getSubcommands().get("demo").getCommand()).scenario = "/demo-benign-only.jsonl";

        CommandRun run = CommandRun.of(cmd, "demo", "--metrics-port", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the scenario raised no alert");
        assertThat(run.outLines()).noneMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d .*"));
    }
}
