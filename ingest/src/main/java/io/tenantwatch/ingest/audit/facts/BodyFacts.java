package io.tenantwatch.ingest.audit.facts;

import io.tenantwatch.schemas.Facts;

/**
 * What an object body yields: its facts, and its metadata.name (objectRef has no name for creates
 * with generateName; the stored object has).
 */
public record BodyFacts(Facts facts, String objectName) {

    public static final BodyFacts NONE = new BodyFacts(Facts.NONE, null);
}
