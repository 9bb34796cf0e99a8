package io.tenantwatch.testkit.process;

import io.tenantwatch.testkit.InstalledProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's promtool (package prometheus), run to completion as Prometheus' own checker of rules and
 * queries; missing, the test is skipped (failed under {@code CI=true}).
 */
public final class Promtool {

    /** How promtool exited, and what it wrote to standard output and error together. */
    public record Run(int exitCode, String output) {}

    private Promtool() {}

    public static Path executable() {
        return InstalledProgram.require("promtool", "tenantwatch.promtool", "prometheus");
    }

    public static Run run(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
