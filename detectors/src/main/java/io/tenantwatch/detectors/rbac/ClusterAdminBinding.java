package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code cluster-admin-binding}: a non-platform identity creates, updates or patches a
 * ClusterRoleBinding or RoleBinding whose roleRef is the ClusterRole {@code cluster-admin} (or
 * another configured admin role), and the API server allows it.
 *
 * <p>Why it matters: cluster-admin is every verb on every resource. Bound cluster-wide it is the
 * whole cluster, every tenant's Secrets and workloads and the nodes through them; bound by a
 * RoleBinding it is full control of that namespace, its RBAC and Secrets included. It is the most
 * common persistence step after a stolen admin credential (a binding outlives the credential) and
 * matches Falco's "Attach to cluster-admin Role". The summary names who was granted it and where.
 *
 * <p>Any create, update or patch of such a binding raises, since the body as stored is what
 * ingest reads: adding a subject to an existing cluster-admin binding is as much a grant as a new
 * binding. Does not fire for: platform identities (AKS and the API server maintain their own
 * cluster-admin bindings); deletes (removing a grant); writes that were denied or failed (409
 * AlreadyExists, 422); bindings to any other role ({@code admin}, {@code edit}, {@code view}:
 * {@code sensitive-role} and {@code wildcard-role} judge what roles grant); a roleRef of kind
 * {@code Role} that happens to carry an admin role's name (a namespaced Role is not the ClusterRole);
 * a write that leaves the binding without subjects (it grants nothing); a binding whose body the
 * audit event does not carry (Metadata level).
 */
public final class ClusterAdminBinding extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cluster-admin-binding",
            DetectorGroup.RBAC,
            Severity.CRITICAL,
            "Privilege Escalation",
            "T1098.006 Additional Container Cluster Roles",
            "Binding to cluster-admin");

    /** The catalogue default for the {@code adminRoles} parameter. */
    public static final List<String> DEFAULT_ADMIN_ROLES = List.of("cluster-admin");

    static final ParamSpec ADMIN_ROLES = ParamSpec.stringList(
            "adminRoles", DEFAULT_ADMIN_ROLES, "ClusterRoles that count as cluster-admin when a binding grants them.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(ADMIN_ROLES), p -> new ClusterAdminBinding(p.stringList(ADMIN_ROLES)));

    private static final Trigger BINDINGS = Trigger.audit("rolebindings", "clusterrolebindings");

    private final Set<String> adminRoles;

    /** The catalogue default: bindings to {@code cluster-admin}. */
    public ClusterAdminBinding() {
        this(DEFAULT_ADMIN_ROLES);
    }

    /** @param adminRoles names of ClusterRoles as powerful as cluster-admin (exact names) */
    public ClusterAdminBinding(List<String> adminRoles) {
        super(SPEC, BINDINGS);
        this.adminRoles = Set.copyOf(adminRoles);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.apiGroupIs(RbacRequests.RBAC_GROUP) || !event.isAllowedObjectWriteByNonPlatform()) {
            return;
        }
        Facts.Rbac rbac = RbacRequests.rbac(event);
        Facts.RoleRef roleRef = rbac == null ? null : rbac.roleRef();
        if (roleRef == null
                || roleRef.name() == null
                || !adminRoles.contains(roleRef.name())
                || "Role".equals(roleRef.kind())
                || rbac.subjects().isEmpty()) {
            return;
        }
        boolean clusterWide = "clusterrolebindings".equals(event.resource());
        String scope = clusterWide ? "cluster-wide" : "in " + Phrases.place(event);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + ", granting "
                        + RbacRequests.roleRef(roleRef) + " " + scope + " to "
                        + RbacRequests.subjectsInline(rbac.subjects()))
                .detail("role: " + RbacRequests.roleRef(roleRef))
                .detail(
                        clusterWide
                                ? "scope: cluster-wide: every namespace of every tenant, and every cluster-scoped resource"
                                : "scope: namespace " + event.namespace()
                                        + ": full control of it, its RBAC and Secrets included");
        for (Facts.Subject subject : rbac.subjects()) {
            alert.detail("subject: " + RbacRequests.subject(subject));
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
