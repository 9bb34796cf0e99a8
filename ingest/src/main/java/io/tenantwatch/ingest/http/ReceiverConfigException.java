package io.tenantwatch.ingest.http;

/** A receiver setting that cannot be used (a token file, TLS files, a cluster name); the message names it. */
public final class ReceiverConfigException extends RuntimeException {

    public ReceiverConfigException(String message) {
        super(message);
    }

    public ReceiverConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
