package io.tenantwatch.ingest.tenancy.cluster;

/** The directory cannot read a cluster: the message is one line naming the cluster and the cause. */
public final class TenancyDirectoryException extends RuntimeException {

    public TenancyDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public TenancyDirectoryException(String message) {
        super(message);
    }
}
