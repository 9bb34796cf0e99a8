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
 * {@code system-role-modified}: a non-platform identity creates, updates, patches or deletes a
 * ClusterRole or ClusterRoleBinding named {@code system:*}, or a Role or RoleBinding named
 * {@code system:*} in {@code kube-system} or {@code kube-public} (the {@code namespaces}
 * parameter), and the API server allows it.
 *
 * <p>Why it matters: {@code system:} names are reserved for Kubernetes' own components (the
 * scheduler, the controllers, the nodes, discovery). A permission added to one of them is held by
 * every identity bound to it and hides among roles nobody reviews; the API server's reconciliation
 * at restart re-adds missing permissions but keeps added ones, so it persists. A subject added to a
 * {@code system:} binding borrows a component's power; a deleted role or binding breaks that
 * component until the next API server restart re-creates it; a new {@code system:} name is
 * camouflage. The same holds for the namespaced {@code system:} Roles the API server keeps in
 * kube-system and kube-public ({@code system:controller:bootstrap-signer},
 * {@code system:controller:token-cleaner}, {@code system::leader-locking-kube-controller-manager}):
 * they guard the bootstrap tokens and the control plane's leader election, and a person has no
 * reason to touch them. It matches Falco's "System ClusterRole Modified/Deleted". The details carry the
 * rules, or the role and subjects, as stored after the write.
 *
 * <p>Does not fire for: platform identities (the API server's bootstrap reconciliation, AKS's
 * add-on manager, the controller manager and the RBAC aggregation controller maintain these
 * objects); namespaced Roles and RoleBindings outside those namespaces, whatever their name (a
 * tenant may call its own role {@code system:reader}); deletecollection (it names no
 * object); reads; writes that were denied or failed. A non-platform install of a chart that ships
 * {@code system:} roles (metrics-server's {@code system:metrics-server}, for one) raises: it is an
 * exception to configure, not a default to guess.
 */
public final class SystemRoleModified extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "system-role-modified",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Persistence",
            "T1098.006 Additional Container Cluster Roles",
            "System role or role binding modified");

    /** The catalogue default for {@code namespaces}: where Kubernetes keeps its own system: Roles. */
    public static final List<String> DEFAULT_NAMESPACES = List.of("kube-system", "kube-public");

    static final ParamSpec NAMESPACES = ParamSpec.stringList(
            "namespaces", DEFAULT_NAMESPACES, "Namespaces whose system: Roles and RoleBindings count too.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(NAMESPACES), p -> new SystemRoleModified(p.stringList(NAMESPACES)));

    static final String SYSTEM_PREFIX = "system:";
    /** Details list at most this many rules of the role as stored. */
    private static final int MAX_RULES = 10;

    private static final Set<String> VERBS = Set.of("create", "update", "patch", "delete");
    private static final Trigger RBAC_OBJECTS =
            Trigger.audit("clusterroles", "clusterrolebindings", "roles", "rolebindings");

    private final Set<String> namespaces;

    /** The catalogue default: system: Roles and RoleBindings of {@link #DEFAULT_NAMESPACES} count. */
    public SystemRoleModified() {
        this(DEFAULT_NAMESPACES);
    }

    /** @param namespaces where a namespaced system: Role or RoleBinding counts */
    public SystemRoleModified(List<String> namespaces) {
        super(SPEC, RBAC_OBJECTS);
        this.namespaces = Set.copyOf(namespaces);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String name = event.resourceName();
        if (name == null
                || !name.startsWith(SYSTEM_PREFIX)
                || event.verb() == null
                || !VERBS.contains(event.verb())
                || event.subresource() != null
                || !event.apiGroupIs(RbacRequests.RBAC_GROUP)
                || !event.isAllowed()
                || event.isPlatformActor()) {
            return;
        }
        boolean namespaced = event.namespace() != null;
        if (namespaced && !namespaces.contains(event.namespace())) {
            return;
        }
        boolean binding = event.resource().endsWith("bindings");
        String kind = (namespaced ? "" : "Cluster") + (binding ? "RoleBinding" : "Role");
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + RbacRequests.where(event)
                        + ", a system: " + kind + " reserved for Kubernetes components")
                .detail("object: " + kind + " " + name + (namespaced ? " in namespace " + event.namespace() : ""))
                .detail("effect: " + effect(event.verb(), binding));
        Facts.Rbac rbac = RbacRequests.rbac(event);
        if (rbac != null) {
            if (binding) {
                addBinding(rbac, alert);
            } else {
                addRules(rbac, alert);
            }
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    static String effect(String verb, boolean binding) {
        return switch (verb) {
            case "delete" ->
                binding
                        ? "the subjects it bound lose the role's permissions until the API server re-creates it at its next restart"
                        : "every component bound to it loses these permissions until the API server re-creates it at its next restart";
            case "create" -> "a new object under a name reserved for Kubernetes, where nobody reviews";
            default ->
                binding
                        ? "subjects added to it share a Kubernetes component's permissions, and keep them across API server restarts"
                        : "permissions added to it are held by every component bound to it, and kept across API server restarts";
        };
    }

    private static void addRules(Facts.Rbac rbac, AlertBuilder alert) {
        int shown = 0;
        for (Facts.Rule rule : rbac.rules()) {
            if (shown == MAX_RULES) {
                alert.detail("rules: " + (rbac.rules().size() - MAX_RULES) + " more");
                return;
            }
            alert.detail("rule: " + RoleRules.render(rule));
            shown++;
        }
    }

    private static void addBinding(Facts.Rbac rbac, AlertBuilder alert) {
        if (rbac.roleRef() != null) {
            alert.detail("role: " + RbacRequests.roleRef(rbac.roleRef()));
        }
        for (Facts.Subject subject : rbac.subjects()) {
            alert.detail("subject: " + RbacRequests.subject(subject));
        }
    }
}
