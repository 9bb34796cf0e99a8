package io.tenantwatch.ingest.tenancy.cluster;

/**
 * The directory cannot read a cluster now: the message is one line naming the cluster and the
 * cause (an API server that does not answer or refuses the credentials, a kubeconfig that leads to
 * no cluster, the tenancy topic not acknowledging).
 *
 * <p>Deliberately not a {@link io.tenantwatch.schemas.config.ConfigException}: it is a condition of
 * the moment, found by connecting, not a mistake in what the operator wrote; the same settings may
 * work a minute later, and while running the directory meets the same failures (publishing) and
 * retries instead of refusing. At start-up the commands end with exit status 2 on it all the same.
 * What is wrong in the options themselves ({@code --context} values) is a {@code ConfigException}.
 */
public final class TenancyDirectoryException extends RuntimeException {

    public TenancyDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public TenancyDirectoryException(String message) {
        super(message);
    }
}
