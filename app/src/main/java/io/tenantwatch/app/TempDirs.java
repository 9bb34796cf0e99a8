package io.tenantwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the in-process topology and the demo. */
public final class TempDirs {

    private TempDirs() {}

    /** Deletes a directory tree; a leftover temp directory is harmless, failing a command over it is not. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Nothing to do: see above.
        }
    }
}
