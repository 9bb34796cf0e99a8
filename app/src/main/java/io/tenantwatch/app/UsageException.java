package io.tenantwatch.app;

/**
 * A usage error of the command line: options that exclude each other, a count out of range, a port
 * already taken, an input file that does not exist. The command prints its one-line message and
 * exits 2 ({@link Failures}). The message names the option and the problem.
 *
 * <p>Problems of a configuration file or setting (detectors.yaml, routes, tenancy, Event Hubs,
 * tokens, TLS files) are {@link io.tenantwatch.schemas.config.ConfigException} instead, with one
 * line per problem; it ends a command the same way.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
