package io.tenantwatch.alerting.sinks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A value that must never leave the process except to the one place it is for: an HMAC key, a
 * token or password, or a URL that is itself a credential (Slack incoming webhooks). Its
 * {@code toString} hides it, so a record holding it can be logged or shown in an error without
 * leaking it.
 *
 * <p>A secret read from a file follows the file ({@link #fromFile}): a mounted Kubernetes Secret
 * is rotated by replacing the file, and the sink should send the new value without a restart.
 */
public final class Secret {

    private final String value;
    private final SecretFile file;

    /** A fixed value (from the environment, or a file read once). */
    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        this.value = value;
        this.file = null;
    }

    private Secret(SecretFile file) {
        this.value = null;
        this.file = file;
    }

    /**
     * A secret that follows its file: the file is looked at again at most every
     * {@link SecretFile#RECHECK} and read again when it changed. A new content that {@code usable}
     * refuses (an empty file in the middle of a rewrite, a key too short) is not taken: the
     * previous value stays, and one log line names the file.
     *
     * @param current the file's content as the configuration was checked with (stripped, usable)
     */
    public static Secret fromFile(Path path, String current, Predicate<String> usable) {
        return new Secret(new SecretFile(path, current, usable, SecretFile.RECHECK));
    }

    /** As {@link #fromFile(Path, String, Predicate)}, looking at the file as often as {@code recheck} allows. */
    static Secret fromFile(Path path, String current, Predicate<String> usable, Duration recheck) {
        return new Secret(new SecretFile(path, current, usable, recheck));
    }

    /** The value itself, for the HTTP request or the HMAC key; never for a message. */
    public String reveal() {
        return file == null ? value : file.current();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
