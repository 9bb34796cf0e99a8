package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the group D detectors share: which requests they look at, and the words and evidence they
 * all use. Unless a catalogue row says otherwise, group D ignores platform actors (docs/detectors.md,
 * "Actor classes"): the controller manager, the RBAC aggregation controller, AKS and the platform's
 * GitOps operator write roles, bindings and tokens all day. The request checks every group shares
 * (allowed non-platform writes, API groups) live on {@link EventContext}, the authorization detail
 * on {@code AlertBuilder}.
 */
final class RbacRequests {

    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    /** Summaries name at most this many subjects; the details name them all. */
    private static final int SUBJECTS_INLINE = 3;

    private RbacRequests() {}

    /** The RBAC facts of a role or binding write; null when ingest saw no body (Metadata audit level). */
    static Facts.Rbac rbac(EventContext event) {
        return event.event().facts().rbac();
    }

    static boolean isServiceAccount(Actor actor) {
        return actor != null
                && (actor.type() == ActorType.SERVICEACCOUNT
                        || (actor.username() != null && actor.username().startsWith(SERVICE_ACCOUNT_PREFIX)));
    }

    /** {@code " in namespace alpha-prod of tenant alpha"}, or nothing for a cluster-scoped object. */
    static String where(EventContext event) {
        return event.namespace() == null ? "" : " in " + Phrases.place(event);
    }

    /**
     * What the request did: {@link Phrases#request} for an API object, {@code requested GET /metrics}
     * for a non-resource URL (the path only, redacted: a query may carry anything).
     */
    static String request(EventContext event) {
        ResourceRef ref = event.event().resource();
        if (ref != null && ref.resource() != null) {
            return Phrases.request(event);
        }
        String verb = event.verb() == null ? "" : event.verb().toUpperCase(Locale.ROOT) + " ";
        String path = event.requestPath();
        return "requested " + verb + (path == null ? "a non-resource URL" : Phrases.inline(path));
    }

    /** {@code ClusterRole cluster-admin}; the kind is left out when the facts do not say it. */
    static String roleRef(Facts.RoleRef ref) {
        return ref.kind() == null ? String.valueOf(ref.name()) : ref.kind() + " " + ref.name();
    }

    /** {@code User minikube}, {@code ServiceAccount alpha-prod/deployer}, {@code Group 6f1c…}. */
    static String subject(Facts.Subject subject) {
        String kind = subject.kind() == null ? "Subject" : subject.kind();
        String name = subject.namespace() == null || subject.namespace().isEmpty()
                ? subject.name()
                : subject.namespace() + "/" + subject.name();
        return kind + " " + name;
    }

    /** The first subjects, for a one-line summary: {@code User a, Group b and 3 more}; "no subjects" when empty. */
    static String subjectsInline(List<Facts.Subject> subjects) {
        if (subjects.isEmpty()) {
            return "no subjects";
        }
        List<String> shown = new ArrayList<>(SUBJECTS_INLINE);
        for (int i = 0; i < subjects.size() && i < SUBJECTS_INLINE; i++) {
            shown.add(subject(subjects.get(i)));
        }
        String out = String.join(", ", shown);
        int more = subjects.size() - shown.size();
        return more > 0 ? out + " and " + more + " more" : out;
    }
}
