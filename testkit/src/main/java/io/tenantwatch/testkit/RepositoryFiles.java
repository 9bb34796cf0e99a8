package io.tenantwatch.testkit;

import java.nio.file.Path;

/**
 * The repository's own files that tests read (docs, deploy, testdata), found from any module's
 * tests in one way. The root pom's Surefire configuration passes the repository root as the system
 * property {@value #ROOT_PROPERTY} ({@code ${maven.multiModuleProjectDirectory}}), so a test reads
 * the same files whichever module runs it; run from an IDE without the property, the working
 * directory is a module's, so its parent is taken.
 */
public final class RepositoryFiles {

    /** The system property that names the repository root. */
    public static final String ROOT_PROPERTY = "tenantwatch.root.dir";

    private RepositoryFiles() {}

    /** The repository root, absolute. */
    public static Path root() {
        return Path.of(System.getProperty(ROOT_PROPERTY, "..")).toAbsolutePath().normalize();
    }

    /** A path relative to the repository root, such as {@code docs/tenancy.md}. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
