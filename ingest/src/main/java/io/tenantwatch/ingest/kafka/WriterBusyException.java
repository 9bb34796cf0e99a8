package io.tenantwatch.ingest.kafka;

/** The writer already has as many records in flight as it may; the caller should come back later. */
public final class WriterBusyException extends RuntimeException {

    public WriterBusyException(String message) {
        super(message, null, false, false);
    }
}
