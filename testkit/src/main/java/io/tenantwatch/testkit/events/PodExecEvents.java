package io.tenantwatch.testkit.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Audit events whose alerts a test can count: each an exec into pod {@code web-i} of namespace
 * {@code default} by someone of no tenant, which raises exactly one {@code pod-exec} naming its
 * auditID. A test that loses, repeats or reorders events across a restart or a kill finds out by
 * comparing auditIDs.
 */
public final class PodExecEvents {

    private PodExecEvents() {}

    /** {@code n} fresh random auditIDs. */
    public static List<String> ids(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    /** The {@code i}-th exec, {@code i} seconds after 09:00:00, with the given auditID. */
    public static String exec(String auditId, int i) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"" + auditId
                + "\","
                + "\"stage\":\"ResponseStarted\",\"requestURI\":\"/api/v1/namespaces/default/pods/web-" + i
                + "/exec?command=sh\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"dave@fabrikam.com\",\"groups\":[\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"192.168.99.1\"],\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"web-"
                + i
                + "\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},\"responseStatus\":{\"metadata\":{},\"code\":101},"
                + "\"requestReceivedTimestamp\":\"2026-11-20T09:00:00.000000Z\",\"stageTimestamp\":\"2026-11-20T09:"
                + String.format(Locale.ROOT, "%02d:%02d", (i / 60) % 60, i % 60) + ".000000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"\"}}";
    }

    /** The execs {@code from} (inclusive) to {@code to} (exclusive) of {@code auditIds}, as one EventList. */
    public static String eventList(List<String> auditIds, int from, int to) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(exec(auditIds.get(i), i));
        }
        return AuditEventLists.of(items);
    }
}
