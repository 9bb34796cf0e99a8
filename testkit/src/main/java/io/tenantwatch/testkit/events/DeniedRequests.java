package io.tenantwatch.testkit.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A stolen service-account token probing what it may do, as the API server's audit log records it:
 * audit.k8s.io/v1 Events of requests RBAC refused (decision forbid, 403), one resource after
 * another, from an address outside the cluster, for the detectors that count refusals over a
 * window. {@link AuditEventLists#of} wraps them as the webhook POSTs them.
 */
public final class DeniedRequests {

    public static final String ACTOR = "system:serviceaccount:alpha:deployer";
    private static final String[][] PROBES = {
        // verb, resource, namespace, name, API path prefix
        {"list", "secrets", "beta-prod", null, "/api/v1"},
        {"get", "secrets", "beta-prod", "payments-db", "/api/v1"},
        {"list", "configmaps", "beta-prod", null, "/api/v1"},
        {"list", "nodes", null, null, "/api/v1"},
        {"list", "clusterroles", null, null, "/apis/rbac.authorization.k8s.io/v1"},
        {"list", "serviceaccounts", "kube-system", null, "/api/v1"},
    };

    private DeniedRequests() {}

    /** The i-th probe (cycling through six resources) at {@code time}, with a fresh auditID. */
    public static String event(int i, Instant time) {
        return event(
                i,
                time,
                UUID.nameUUIDFromBytes((ACTOR + "|" + i + "|" + time).getBytes(StandardCharsets.UTF_8))
                        .toString());
    }

    public static String event(int i, Instant time, String auditId) {
        String[] p = PROBES[i % PROBES.length];
        String path =
                p[4] + (p[2] == null ? "" : "/namespaces/" + p[2]) + "/" + p[1] + (p[3] == null ? "" : "/" + p[3]);
        String apiGroup = p[4].startsWith("/apis/") ? ",\"apiGroup\":\"rbac.authorization.k8s.io\"" : "";
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditId
                + "\","
                + "\"stage\":\"ResponseComplete\",\"requestURI\":\"" + path + "\",\"verb\":\"" + p[0] + "\","
                + "\"user\":{\"username\":\"" + ACTOR + "\",\"uid\":\"0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b\","
                + "\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:alpha\",\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"185.220.101.47\"],\"userAgent\":\"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819\","
                + "\"objectRef\":{\"resource\":\"" + p[1] + "\""
                + (p[2] == null ? "" : ",\"namespace\":\"" + p[2] + "\"")
                + (p[3] == null ? "" : ",\"name\":\"" + p[3] + "\"") + apiGroup + ",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"metadata\":{},\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403},"
                + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\",\"authorization.k8s.io/reason\":\"\"}}";
    }

    /** Probes {@code from} (inclusive) to {@code to} (exclusive), ten seconds apart from {@code start}. */
    public static List<String> events(int from, int to, Instant start) {
        List<String> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(event(i, start.plusSeconds(10L * i)));
        }
        return events;
    }
}
