package io.tenantwatch.app.service;

import java.util.Map;

/**
 * One running part of the service (ingest, detection, alerting): started by its own static
 * {@code start}, asked for readiness by /readyz, named in the start-up banner, closed in reverse
 * order of starting.
 */
interface ServicePart extends AutoCloseable {

    /** Null when the part serves; else why not, in a few words for /readyz. */
    default String notReadyReason() {
        return null;
    }

    /** Name → address of what this part listens on, for the banner. */
    default Map<String, String> endpoints() {
        return Map.of();
    }

    @Override
    void close();
}
