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
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code cluster-wide-broad-binding}: a non-platform identity creates, updates or patches a
 * ClusterRoleBinding whose roleRef is a broad ClusterRole other than cluster-admin: by default the
 * user-facing {@code admin}, {@code edit} and {@code view}, and the roles of the control plane and
 * the nodes ({@code system:kube-controller-manager}, {@code system:kube-scheduler},
 * {@code system:node}, {@code system:controller:*}); the API server allowed it.
 *
 * <p>Why it matters: these roles are meant to be granted one namespace at a time, by a RoleBinding.
 * Bound by a ClusterRoleBinding they hold in every namespace at once, so over every tenant:
 * {@code view} reads every tenant's workloads and ConfigMaps, {@code edit} runs code and reads
 * Secrets in all of them, {@code admin} adds RBAC there too, and the system roles lend a
 * component's cluster-wide reach (the controller manager's role reads every Secret and creates
 * tokens). The severity is high, and critical when a subject is a tenant's member or service account
 * (one tenant handed all the others) or a group that is everyone ({@code system:authenticated},
 * {@code system:unauthenticated}, {@code system:serviceaccounts}). Each subject is listed with its
 * home tenants.
 *
 * <p>Does not fire for: {@code cluster-admin} (that is {@code cluster-admin-binding}'s finding);
 * RoleBindings, which confine any of these roles to one namespace (a tenant binding {@code admin}
 * in its own namespace is the normal case; one naming another tenant's subject is
 * {@code cross-tenant-binding}'s); platform identities (AKS add-ons and the platform's GitOps
 * maintain their own bindings); deletes; writes that were denied or failed; a binding without
 * subjects or whose body the audit event does not carry (Metadata level).
 */
public final class ClusterWideBroadBinding extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cluster-wide-broad-binding",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Privilege Escalation",
            "T1098.006 Additional Container Cluster Roles",
            "Cluster-wide binding to a broad role");

    /** The catalogue default for {@code roles}. */
    public static final List<String> DEFAULT_ROLES = List.of(
            "admin",
            "edit",
            "view",
            "system:kube-controller-manager",
            "system:kube-scheduler",
            "system:node",
            "system:controller:*");

    static final ParamSpec ROLES = ParamSpec.stringList(
            "roles", DEFAULT_ROLES, "ClusterRoles (globs) too broad to bind cluster-wide, over every tenant at once.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(ROLES), p -> new ClusterWideBroadBinding(p.stringList(ROLES)));

    /** Groups every identity, or every service account of every namespace, belongs to. */
    private static final Set<String> EVERYONE_GROUPS =
            Set.of("system:authenticated", "system:unauthenticated", "system:serviceaccounts");

    private static final Map<String, String> REACH = Map.of(
            "admin", "read and write everything in every namespace, Secrets and RoleBindings included",
            "edit", "run workloads and read Secrets in every namespace",
            "view", "read every namespace's workloads, ConfigMaps and events (not Secrets)");

    private static final Trigger CLUSTER_ROLE_BINDINGS = Trigger.audit("clusterrolebindings");

    private final List<Glob> roles;

    /** The catalogue default: {@link #DEFAULT_ROLES}. */
    public ClusterWideBroadBinding() {
        this(DEFAULT_ROLES);
    }

    /** @param roles ClusterRole name globs */
    public ClusterWideBroadBinding(List<String> roles) {
        super(SPEC, CLUSTER_ROLE_BINDINGS);
        this.roles = roles.stream().map(Glob::compile).toList();
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.apiGroupIs(RbacRequests.RBAC_GROUP) || !event.isAllowedObjectWriteByNonPlatform()) {
            return;
        }
        Facts.Rbac rbac = RbacRequests.rbac(event);
        Facts.RoleRef roleRef = rbac == null ? null : rbac.roleRef();
        if (roleRef == null
                || "Role".equals(roleRef.kind())
                || !broad(roleRef.name())
                || rbac.subjects().isEmpty()) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + ", granting "
                        + RbacRequests.roleRef(roleRef) + " cluster-wide to "
                        + RbacRequests.subjectsInline(rbac.subjects()))
                .detail("role: " + RbacRequests.roleRef(roleRef))
                .detail("scope: cluster-wide: "
                        + REACH.getOrDefault(roleRef.name(), "a Kubernetes component's permissions in every namespace")
                        + ", over every tenant at once");
        boolean tenantOrEveryone = false;
        for (Facts.Subject subject : rbac.subjects()) {
            Set<String> tenants = event.subjectHomeTenants(subject);
            boolean everyone = "Group".equals(subject.kind()) && EVERYONE_GROUPS.contains(subject.name());
            tenantOrEveryone |= everyone || !tenants.isEmpty();
            alert.detail("subject: " + RbacRequests.subject(subject)
                    + (everyone
                            ? " (every identity it names)"
                            : tenants.isEmpty() ? "" : " (tenant " + String.join(", ", new TreeSet<>(tenants)) + ")"));
        }
        if (tenantOrEveryone) {
            alert.severity(Severity.CRITICAL);
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    private boolean broad(String role) {
        return Glob.anyMatches(roles, role);
    }
}
