package io.tenantwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The corpus of real public samples in the repository ({@code testdata/corpus}, provenance and
 * licences in its PROVENANCE.md), shared by every module's tests. Found through
 * {@link RepositoryFiles}; a missing folder fails with what to set rather than with a file that
 * cannot be read.
 */
public final class Corpus {

    private Corpus() {}

    public static Path dir() {
        Path corpus = RepositoryFiles.file("testdata/corpus");
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException(
                    "corpus not found at " + corpus + " (testdata/corpus of the repository; set -D"
                            + RepositoryFiles.ROOT_PROPERTY + " to the repository root)");
        }
        return corpus;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
