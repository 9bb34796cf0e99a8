package io.tenantwatch.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real public samples beside the checkout (../shared/corpus). */
public final class Corpus {

    private Corpus() {}

    public static Path dir() {
        String shared = System.getProperty("tenantwatch.shared.dir");
        Path dir = shared != null ? Path.of(shared, "corpus") : Path.of("..", "..", "shared", "corpus");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("corpus not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
