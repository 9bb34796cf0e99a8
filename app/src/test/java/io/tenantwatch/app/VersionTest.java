package io.tenantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An operator asks any command which build it is, and the answer is the build's version. */
class VersionTest {

    @Test
    void theVersionIsTheOneTheBuildStamped() {
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void everyCommandAndSubcommandPrintsIt() {
        List<List<String>> commands = new ArrayList<>();
        collect(TenantWatch.commandLine(), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(8);

        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--version");
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.outLines()).as(String.join(" ", args)).first().isEqualTo("tenantwatch " + Version.current());
        }
    }

    /** The path of words to every command that has a --version option. */
    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        if (cmd.getCommandSpec().findOption("--version") != null) {
            out.add(List.copyOf(path));
        }
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias: the command is visited under its name
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }
}
