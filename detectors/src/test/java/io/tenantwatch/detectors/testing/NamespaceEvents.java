package io.tenantwatch.detectors.testing;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Facts;
import java.util.List;
import java.util.Map;

/**
 * A namespace's own requests as ingest normalizes them under the shipped audit policy
 * (RequestResponse for namespace writes): {@code kubectl create namespace} or a GitOps tool's
 * create with the stored labels and the uid the API server gave it, a relabel, a delete.
 */
public final class NamespaceEvents {

    public static final String TENANT_LABEL = "tenantwatch.io/tenant";

    private NamespaceEvents() {}

    /** An allowed create (201) whose stored namespace carries {@code labels} and {@code uid}. */
    public static AuditEvents.Builder created(Actor by, String name, String uid, Map<String, String> labels) {
        return AuditEvents.by(by).create("namespaces", null, name).facts(facts(labels, Map.of(), List.of(), uid));
    }

    /**
     * An allowed strategic-merge patch ({@code kubectl label namespace}): at RequestResponse level
     * the stored labels and uid; at Request level ({@code labelsNow} empty, {@code uid} null) only
     * what the patch sets and removes.
     */
    public static AuditEvents.Builder relabelled(
            Actor by,
            String name,
            String uid,
            Map<String, String> labelsNow,
            Map<String, String> set,
            List<String> removed) {
        return AuditEvents.by(by).patch("namespaces", null, name).facts(facts(labelsNow, set, removed, uid));
    }

    /** An allowed delete (200, the namespace returned Terminating with its uid). */
    public static AuditEvents.Builder deleted(Actor by, String name, String uid) {
        return AuditEvents.by(by).delete("namespaces", null, name).facts(facts(Map.of(), Map.of(), List.of(), uid));
    }

    private static Facts facts(Map<String, String> labels, Map<String, String> set, List<String> removed, String uid) {
        return new Facts(null, null, null, null, null, new Facts.Namespace(labels, set, removed, uid), null, List.of());
    }
}
