package io.tenantwatch.ingest.eventhubs;

/**
 * An Event Hubs setting that cannot work: a bad connection string, a missing or unknown hub, a
 * namespace that is not a host name or does not resolve, no usable Azure identity. The message is
 * one line that names the option and the problem, never a secret; the command turns it into exit
 * status 2 without a stack trace.
 */
public final class EventHubsConfigException extends RuntimeException {

    public EventHubsConfigException(String message) {
        super(message, null, false, false);
    }
}
