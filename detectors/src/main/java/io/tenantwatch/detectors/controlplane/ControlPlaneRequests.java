package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.ResourceRef;
import java.util.Set;

/**
 * What the group E detectors share: which requests they look at at all, and the evidence every one
 * of them adds. Unless a catalogue row says otherwise, groups C, D and E ignore platform actors
 * (DETECTORS.md, "Actor classes"): AKS and the cluster's own automation rewrite DNS, webhooks and
 * Services all day, and an alert per reconcile loop would bury the one that matters.
 */
final class ControlPlaneRequests {

    static final String AUTHORIZATION_REASON = "authorization.k8s.io/reason";
    private static final Set<String> OBJECT_WRITES = Set.of("create", "update", "patch");
    private static final Set<String> DELETES = Set.of("delete", "deletecollection");

    private ControlPlaneRequests() {}

    /**
     * An allowed write verb (create, update, patch, delete, deletecollection) by a non-platform
     * actor. A write that failed (404, 409, 422, 5xx) or was refused changed nothing and never
     * raises.
     */
    static boolean allowedWriteByNonPlatform(EventContext event) {
        return event.isWriteVerb() && event.isAllowed() && !event.isPlatformActor();
    }

    /** An allowed create, update or patch of the object itself (no subresource) by a non-platform actor. */
    static boolean allowedObjectWriteByNonPlatform(EventContext event) {
        return event.verb() != null && OBJECT_WRITES.contains(event.verb()) && event.subresource() == null
                && event.isAllowed() && !event.isPlatformActor();
    }

    static boolean isDelete(EventContext event) {
        return event.verb() != null && DELETES.contains(event.verb());
    }

    /** The core API group: ingest writes it as null, the API server's objectRef omits it or leaves it empty. */
    static boolean isCoreGroup(EventContext event) {
        ResourceRef ref = event.event().resource();
        return ref != null && (ref.apiGroup() == null || ref.apiGroup().isEmpty());
    }

    static String apiGroup(EventContext event) {
        ResourceRef ref = event.event().resource();
        return ref == null ? null : ref.apiGroup();
    }

    static String name(EventContext event) {
        ResourceRef ref = event.event().resource();
        return ref == null ? null : ref.name();
    }

    /** The RBAC grant the API server used: what an analyst has to remove if the request was not wanted. */
    static void addAuthorization(EventContext event, AlertBuilder alert) {
        String reason = event.event().annotations().get(AUTHORIZATION_REASON);
        if (reason != null && !reason.isEmpty()) {
            alert.detail("authorization: " + reason);
        }
    }
}
