package io.tenantwatch.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program that a real-component test runs but the JDK does not bring (promtool, Prometheus,
 * Alertmanager), found on the PATH or at a path given by a system property. Where it is missing, a
 * developer's build skips the test with the Debian package to install; CI ({@code CI=true}) fails
 * instead, so that a green CI always means every test ran. {@code .ci/run} installs the packages.
 */
public final class InstalledProgram {

    private InstalledProgram() {}

    /**
     * The executable, or a skipped test (a failed one under {@code CI=true}) naming the package.
     *
     * @param name           the executable's name on the PATH
     * @param overrideProperty a system property that may name the executable's path instead
     * @param debianPackage  the package that installs it
     */
    public static Path require(String name, String overrideProperty, String debianPackage) {
        Optional<Path> found = find(name, overrideProperty);
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed (not on the PATH"
                + (overrideProperty == null ? "" : ", nor -D" + overrideProperty) + "): install Debian's package "
                + debianPackage + " (apt-get install " + debianPackage + ") to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + "; CI=true, so a missing program fails the build (.ci/run installs it)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> find(String name, String overrideProperty) {
        String override = overrideProperty == null ? null : System.getProperty(overrideProperty);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
