package io.tenantwatch.testkit.events;

import java.util.List;

/** Audit events wrapped as the API server's webhook backend POSTs them: one {@code audit.k8s.io/v1} EventList. */
public final class AuditEventLists {

    private AuditEventLists() {}

    /** An EventList of the given audit Events (JSON objects, as strings). */
    public static String of(List<String> events) {
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + String.join(",", events)
                + "]}";
    }
}
