package io.tenantwatch.ingest.json;

/**
 * Where a JSON value sits inside an input buffer, without copying it. An audit event's object body
 * that streams by before the fields saying whether it is needed (field order varies) is remembered
 * this way, and parsed at the end of the event only if facts are wanted from it.
 */
public record JsonSpan(byte[] bytes, int offset, int length) {}
