package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code run}'s detection flags reach the detection part, and what it refuses. */
class RunCommandDetectionOptionsTest {

    private static DetectConfig detect(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.config(new PrintWriter(new StringWriter())).detect();
    }

    @Test
    void byDefaultNothingIsExportedAndDetectionCommitsEveryTenthOfASecond() {
        DetectConfig config = detect("--components", "detect");

        assertThat(config.exportAttributed()).isFalse();
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.streamThreads()).isEqualTo(1);
    }

    @Test
    void theExportAndTheCommitIntervalAreTheOperatorsToChoose() {
        DetectConfig config = detect(
                "--components",
                "detect",
                "--export-attributed",
                "--commit-interval",
                "PT0.5S",
                "--stream-threads",
                "2");

        assertThat(config.exportAttributed()).isTrue();
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.streamThreads()).isEqualTo(2);
    }

    @Test
    void aCommitIntervalOfZeroIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--components", "detect", "--commit-interval", "PT0S");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("tenantwatch run: --commit-interval must be positive, was PT0S");
    }

    @Test
    void noStreamThreadIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--components", "detect", "--stream-threads", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo("tenantwatch run: --stream-threads must be at least 1, was 0");
    }
}
