package io.tenantwatch.app;

/**
 * A usage or configuration error (missing file, invalid tenancy file…): the command prints its
 * one-line message and exits 2. The message names the file or option and the problem.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
