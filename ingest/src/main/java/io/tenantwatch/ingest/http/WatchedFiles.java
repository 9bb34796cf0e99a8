package io.tenantwatch.ingest.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Files whose content is polled for a change. The content's SHA-256 is compared rather than a
 * modification time or a directory watch, because both ways files are replaced in a pod must be
 * seen: a Kubernetes Secret volume swaps its {@code ..data} symlink (no event on the file's own
 * name, and the new target may be older), while cert-manager's CSI driver and editors write in
 * place, possibly within the modification time's granularity. Reading a few kilobytes now and then
 * costs nothing. Only the digest is kept, never the content.
 *
 * <p>A change is reported once its content has stayed the same for one poll, so that a certificate
 * written before its key is not tried half-way; the same content is never reported twice, so a
 * broken file is refused (and logged) once, not at every poll.
 */
final class WatchedFiles {

    private static final byte[] UNREADABLE = "unreadable".getBytes(StandardCharsets.US_ASCII);

    private final List<Path> files;
    private byte[] lastSeen;
    private byte[] lastReported;

    /** The files' content now is the content already in use. */
    WatchedFiles(List<Path> files) {
        this.files = List.copyOf(files);
        this.lastSeen = fingerprint();
        this.lastReported = lastSeen;
    }

    List<Path> files() {
        return files;
    }

    /** True, once, when the files' content differs from the last reported one and has settled. */
    boolean changed() {
        byte[] now = fingerprint();
        boolean settled = Arrays.equals(now, lastSeen);
        lastSeen = now;
        if (settled && !Arrays.equals(now, lastReported)) {
            lastReported = now;
            return true;
        }
        return false;
    }

    private byte[] fingerprint() {
        MessageDigest sha = sha256();
        for (Path file : files) {
            byte[] content;
            try {
                // Follows symlinks: the Secret volume's tls.crt -> ..data/tls.crt -> ..2026_12_07.../tls.crt
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                content = UNREADABLE;
            }
            // Each file's digest, so that bytes moving from one file to the next still count as a change.
            sha.update(sha256().digest(content));
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
