package io.tenantwatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus: system property tenantwatch.shared.dir (set by surefire), else ../../shared. */
public final class Corpus {

    private Corpus() {}

    public static Path dir() {
        String shared = System.getProperty("tenantwatch.shared.dir");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "..", "shared");
        Path corpus = base.resolve("corpus").normalize();
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("corpus not found at " + corpus.toAbsolutePath());
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
