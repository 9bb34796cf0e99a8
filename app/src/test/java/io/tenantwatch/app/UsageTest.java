package io.tenantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an operator sees after a typo: the command as typed, picocli's suggestion, exit 2. */
class UsageTest {

    @Test
    void aMisspeltCommandGetsASuggestion() {
        CommandRun run = CommandRun.of("rnu");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .first()
                .asString()
                .startsWith("tenantwatch: ")
                .contains("'rnu'");
        assertThat(run.err()).contains("tenantwatch: Did you mean: run?");
        assertThat(run.errLines()).last().isEqualTo("Try 'tenantwatch --help' for usage.");
    }

    @Test
    void aMisspeltOptionOfANestedCommandNamesTheWholeCommand() {
        CommandRun run = CommandRun.of("rules", "list", "--confg", "x.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .allMatch(line -> line.startsWith("tenantwatch rules list: ")
                        || line.equals("Try 'tenantwatch rules list --help' for usage."));
        assertThat(run.err()).contains("--config");
        assertThat(run.errLines()).last().isEqualTo("Try 'tenantwatch rules list --help' for usage.");
    }

    @Test
    void aSubcommandsErrorNamesIt() {
        CommandRun run = CommandRun.of("replay", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().asString().startsWith("tenantwatch replay: ");
        assertThat(run.errLines()).last().isEqualTo("Try 'tenantwatch replay --help' for usage.");
    }

    @Test
    void aSwappedLetterInASubcommandIsCaughtToo() {
        CommandRun run = CommandRun.of("rules", "lsit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tenantwatch rules: Did you mean: list?");
    }

    @Test
    void nothingIsSuggestedWhenNothingIsClose() {
        CommandRun run = CommandRun.of("xyzzy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("Did you mean");
    }
}
