package io.tenantwatch.detectors.testing;

import java.nio.file.Path;

/**
 * The repository's own files, for the tests that hold the code to them ({@code docs/detectors.md},
 * {@code docs/detectors.schema.json}). Surefire passes the repository root as
 * {@code tenantwatch.root.dir}; without it (an IDE running the module) the module's parent is taken.
 */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The file at {@code relative} below the repository root. */
    public static Path resolve(String relative) {
        return Path.of(System.getProperty("tenantwatch.root.dir", "../")).resolve(relative);
    }
}
