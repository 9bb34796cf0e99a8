package io.tenantwatch.testkit.events;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attributed events and alerts with just the fields that code which counts them reads (meters,
 * audit coverage): cluster, source, verb, namespace, tenant, detector, severity. Everything else
 * is a fixed placeholder, so a test states only what it varies.
 */
public final class MinimalRecords {

    private static final Instant TIME = Instant.parse("2026-01-09T21:24:54Z");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private MinimalRecords() {}

    /** An audit event of {@code verb} on a pod in {@code namespace}, attributed to {@code tenant}; unique id. */
    public static NormalizedEvent audit(String cluster, String verb, String namespace, String tenant) {
        return event(NormalizedEvent.SOURCE_AUDIT, cluster, verb, namespace, tenant);
    }

    /** A Falco event about a pod in {@code namespace}, attributed to {@code tenant}; unique id. */
    public static NormalizedEvent falco(String cluster, String namespace, String tenant) {
        return event(NormalizedEvent.SOURCE_FALCO, cluster, null, namespace, tenant);
    }

    /** An alert of {@code detector} on cluster aks-prod about {@code tenant}. */
    public static Alert alert(String detector, Severity severity, String tenant) {
        return new Alert(
                Alert.SCHEMA_VERSION,
                "id",
                "fp",
                detector,
                severity,
                "t",
                "s",
                TIME,
                null,
                null,
                "aks-prod",
                tenant,
                List.of(),
                "ns",
                null,
                "get",
                null,
                NormalizedEvent.SOURCE_AUDIT,
                null,
                null);
    }

    private static NormalizedEvent event(String source, String cluster, String verb, String namespace, String tenant) {
        String id = "e-" + NEXT.incrementAndGet();
        return new NormalizedEvent(
                id,
                source,
                cluster,
                null,
                TIME,
                id,
                "ResponseComplete",
                new Actor("alice@contoso.com", null, List.of(), null, null, null, null, null, null, null),
                verb,
                new ResourceRef(null, "pods", null, namespace, "web"),
                "/api/v1/namespaces/" + namespace + "/pods/web",
                null,
                200,
                List.of("10.0.0.1"),
                "kubectl",
                null,
                null,
                null,
                tenant,
                List.of(),
                "file");
    }
}
