package io.tenantwatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The corpus of real public samples in the repository ({@code testdata/corpus}, provenance and
 * licences in its PROVENANCE.md), shared by every module's tests through ingest's test-jar.
 * Surefire passes the repository root as {@code tenantwatch.root.dir}; run from an IDE without
 * it, the module's parent directory is taken.
 */
public final class Corpus {

    private Corpus() {}

    public static Path dir() {
        Path root = Path.of(System.getProperty("tenantwatch.root.dir", ".."));
        Path corpus = root.resolve("testdata").resolve("corpus").normalize();
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("corpus not found at " + corpus.toAbsolutePath()
                    + " (testdata/corpus of the repository; set -Dtenantwatch.root.dir to the repository root)");
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
