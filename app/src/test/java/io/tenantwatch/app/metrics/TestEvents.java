package io.tenantwatch.app.metrics;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;

/** Attributed events and alerts with just the fields the meters read. */
final class TestEvents {

    private static int next;

    private TestEvents() {}

    static NormalizedEvent audit(String cluster, String verb, String namespace, String tenant) {
        return event(NormalizedEvent.SOURCE_AUDIT, cluster, verb, namespace, tenant);
    }

    static NormalizedEvent falco(String cluster, String namespace, String tenant) {
        return event(NormalizedEvent.SOURCE_FALCO, cluster, null, namespace, tenant);
    }

    private static NormalizedEvent event(String source, String cluster, String verb, String namespace, String tenant) {
        String id = "e-" + (++next);
        return new NormalizedEvent(id, source, cluster, null, Instant.parse("2026-01-09T21:24:54Z"), id, "ResponseComplete",
                new Actor("alice@contoso.com", null, List.of(), null, null, null, null, null, null, null),
                verb, new ResourceRef(null, "pods", null, namespace, "web"), "/api/v1/namespaces/" + namespace + "/pods/web",
                null, 200, List.of("10.0.0.1"), "kubectl", null, null, null, tenant, List.of(), "file");
    }

    static Alert alert(String detector, Severity severity, String tenant) {
        return new Alert(Alert.SCHEMA_VERSION, "id", "fp", detector, severity, "t", "s", Instant.parse("2026-01-09T21:24:54Z"),
                null, null, "aks-prod", tenant, List.of(), "ns", null, "get", null, NormalizedEvent.SOURCE_AUDIT, null, null);
    }
}
