package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Map;

/**
 * {@code sensitive-role}: a non-platform identity creates, updates or patches a Role or ClusterRole
 * that grants a permission which turns into more permissions, and the API server allows it:
 * <ul>
 *   <li>the verbs {@code escalate}, {@code bind} or {@code impersonate} (on any resource);</li>
 *   <li>{@code pods/exec} or {@code nodes/proxy}, with any verb (WebSocket exec is a get);</li>
 *   <li>{@code create} on {@code serviceaccounts/token};</li>
 *   <li>in a ClusterRole, {@code get}, {@code list} or {@code watch} on {@code secrets}: bound by a
 *       ClusterRoleBinding it reads every tenant's Secrets (a Role's stay in its namespace).</li>
 * </ul>
 *
 * <p>Why it matters: none of these looks like admin, and each is one step from it. Escalate and
 * bind switch off RBAC's own privilege-escalation check; impersonate is anyone's identity; exec and
 * the kubelet API are a shell in any pod, with its service-account token; a token request is a
 * credential for someone else; cluster-wide Secret reads are every tenant's credentials. The
 * summary names what the role grants, the details the rule that grants it. It matches Falco's
 * "ClusterRole With Pod Exec Created".
 *
 * <p>The double-alert rule with {@code wildcard-role}: this detector raises on permissions a rule
 * names explicitly ({@link RoleRules}); one reached only through a {@code *} (for example
 * {@code resources: ["*"]} with get, which includes pods/exec and every Secret) is
 * {@code wildcard-role}'s finding and alone does not raise this one. A rule that is both, such as
 * {@code verbs: ["*"]} on {@code secrets}, raises both; the details then also list what the
 * wildcards reach.
 *
 * <p>Does not fire for: platform identities (the RBAC aggregation controller, AKS); deletes; writes
 * that were denied or failed; roles granting only ordinary verbs on ordinary resources (get/list on
 * configmaps); a namespaced Role reading secrets; roles whose body the audit event does not carry.
 */
public final class SensitiveRole extends RoleWriteDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "sensitive-role",
            DetectorGroup.RBAC,
            Severity.MEDIUM,
            "Privilege Escalation",
            "T1098.006 Additional Container Cluster Roles",
            "Role granting sensitive permissions");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, SensitiveRole::new);

    public SensitiveRole() {
        super(SPEC);
    }

    @Override
    AlertBuilder finding(EventContext event, List<Facts.Rule> rules, boolean clusterRole) {
        List<RoleRules.Grant> grants = RoleRules.sensitiveGrants(rules, clusterRole);
        Map<RoleRules.Sensitive, RoleRules.Grant> explicit = RoleRules.distinct(grants, RoleRules.Grant::explicit);
        if (explicit.isEmpty()) {
            return null;
        }
        List<String> labels = RoleRules.labels(explicit.values());
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + " granting " + String.join(", ", labels)
                        + RbacRequests.where(event));
        for (RoleRules.Grant g : explicit.values()) {
            alert.detail("grants " + RoleRules.label(g) + ": " + g.what().meaning() + " (rule: "
                    + RoleRules.render(g.rule()) + ")");
        }
        Map<RoleRules.Sensitive, RoleRules.Grant> throughWildcard =
                RoleRules.distinct(grants, g -> !g.explicit() && !explicit.containsKey(g.what()));
        if (!throughWildcard.isEmpty()) {
            alert.detail("also through \"*\" (raised as wildcard-role): "
                    + String.join(", ", RoleRules.labels(throughWildcard.values())));
        }
        return alert;
    }
}
