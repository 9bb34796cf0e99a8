package io.tenantwatch.alerting.sinks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current content of a secret file. Kubernetes rotates a mounted Secret by swapping a symlink
 * to a new directory; an operator may rewrite the file in place. Either changes what
 * {@link Files#readAttributes} reports (it follows links): modification time, size or file key.
 * The attributes are looked at no more often than {@code recheck}, so a busy sink costs one
 * {@code stat} every few seconds, and the file is read only when they changed.
 */
final class SecretFile {

    /** Kubelet updates Secret volumes within about a minute; ten seconds adds little to that. */
    static final Duration RECHECK = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);

    private final Path path;
    private final Predicate<String> usable;
    private final long recheckNanos;
    private String value;
    private Object stamp;
    private long checkedAt;

    SecretFile(Path path, String current, Predicate<String> usable, Duration recheck) {
        this.path = path;
        this.usable = usable;
        this.recheckNanos = recheck.toNanos();
        this.value = Objects.requireNonNull(current);
        this.stamp = stamp();
        this.checkedAt = System.nanoTime();
    }

    synchronized String current() {
        long now = System.nanoTime();
        if (now - checkedAt < recheckNanos) {
            return value;
        }
        checkedAt = now;
        Object latest = stamp();
        if (latest == null || latest.equals(stamp)) {
            // Gone for a moment (a swap in progress) or unchanged: keep what works.
            return value;
        }
        stamp = latest;
        try {
            String read = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (!read.isEmpty() && usable.test(read)) {
                value = read;
            } else {
                LOG.warn("secret file {} changed to a value that cannot be used; the previous one stays", path);
            }
        } catch (IOException e) {
            LOG.warn(
                    "secret file {} changed but cannot be read ({}); the previous one stays",
                    path,
                    e.getClass().getSimpleName());
        }
        return value;
    }

    /** What tells one version of the file from the next, or null when it cannot be looked at. */
    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return java.util.List.of(a.lastModifiedTime(), a.size(), a.fileKey() == null ? "" : a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
