package io.tenantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} lists every command with one whole line about it, not a sentence cut at its first line break. */
class HelpHeadersTest {

    @Test
    void everyCommandHasAOneLineHeader() {
        assertHeaders(TenantWatch.commandLine());
    }

    @Test
    void theTopLevelHelpListsEachCommandWithItsHeader() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("\\n\\s+run\\s+Runs the service: receivers, detection, alert routing\\.\\n")
                .containsPattern("\\n\\s+rules\\s+Lists, validates and documents the detector catalogue\\.\\n");
        assertThat(run.outLines()).first().isEqualTo("Run-time security monitor for multi-tenant Kubernetes.");
    }

    @Test
    void aCommandGroupsHelpListsItsSubcommandsWithTheirHeaders() {
        CommandRun run = CommandRun.of("rules", "--help");

        assertThat(run.out()).containsPattern("\\n\\s+validate\\s+Checks a detectors\\.yaml\\.\\n");
    }

    private static void assertHeaders(CommandLine cmd) {
        String[] header = cmd.getCommandSpec().usageMessage().header();
        String name = cmd.getCommandSpec().qualifiedName();
        assertThat(header).as(name).hasSize(1);
        assertThat(header[0]).as(name).isNotBlank().endsWith(".").hasSizeLessThanOrEqualTo(60);
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            assertHeaders(sub.getValue());
        }
    }
}
