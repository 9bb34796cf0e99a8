package io.tenantwatch.ingest;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;

/**
 * Where readers put what they read. Every input record ends in exactly one call per item it holds
 * (an EventList's items, an Event Hubs body's records): an event, a skip or a rejection. Readers
 * never throw for bad input. Only a structural failure that leaves the rest of an input unreadable
 * (e.g. an EventList cut short) ends the remaining items in one rejection.
 */
public interface ReadSink {

    /** A counted event. */
    void event(NormalizedEvent e);

    /** Dropped by design (e.g. stage, other-category, not-runtime); counted, never dead-lettered. */
    void skipped(Reason reason, String detail);

    /**
     * Bad input, for the dead-letter topic. {@code detail} names the problem and where it is, never
     * the input's text. {@code original} is a fresh copy of the rejected record (the item, not the
     * whole body, when one item of a list is bad) in which the values of fields that can hold secrets
     * (object bodies, Secret data, tokens: see {@code SensitiveFields}) are replaced by
     * {@code "[redacted]"}; what cannot be tokenized (after a syntax error) is dropped, and at most
     * {@link ReaderLimits#maxRecordBytes()} bytes of an oversize record are looked at.
     */
    void rejected(Reason reason, String detail, byte[] original);
}
