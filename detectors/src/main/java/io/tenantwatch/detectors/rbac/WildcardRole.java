package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wildcard-role}: a non-platform identity creates, updates or patches a Role or ClusterRole
 * with {@code *} in the verbs, resources or apiGroups of a rule, and the API server allows it.
 *
 * <p>Why it matters: a wildcard grants what exists today and everything added later: {@code
 * resources: ["*"]} with {@code get} already includes every Secret, {@code pods/exec} (WebSocket
 * exec is a get) and {@code nodes/proxy}; {@code verbs: ["*"]} includes {@code escalate},
 * {@code bind} and {@code impersonate}; a new CRD, or a new subresource in the next Kubernetes
 * version, joins silently. Least-privilege roles name what they grant. The details list the
 * wildcard rules and the sensitive permissions they reach; a rule of three wildcards is flagged as
 * cluster-admin in all but name. It matches Falco's "ClusterRole With Wildcard Created".
 *
 * <p>The double-alert rule with {@code sensitive-role}: permissions reached only through a
 * {@code *} are this detector's finding and do not raise {@code sensitive-role}; a rule that names a
 * sensitive permission explicitly raises both (see {@link RoleRules}). Only an element that is
 * exactly {@code *} counts: subresource wildcards such as {@code *}{@code /scale} and wildcard
 * non-resource URLs do not. Every write of a role whose stored rules hold a wildcard raises (a label
 * patch too: ingest reads the object as stored), and the fingerprint makes the repeats one finding.
 *
 * <p>Does not fire for: a rule whose only {@code *} is in apiGroups and that reads named resources
 * ({@code apiGroups: ["*"], resources: ["deployments"], verbs: ["get", "list"]}: it names what it
 * reaches; a write verb there, or a {@code *} in verbs or resources, still raises); platform identities (the RBAC aggregation controller fills the built-in
 * {@code admin}, {@code edit} and {@code view} roles; AKS maintains its own); deletes; writes that
 * were denied or failed; roles whose body the audit event does not carry (Metadata level).
 */
public final class WildcardRole extends RoleWriteDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "wildcard-role",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Privilege Escalation",
            "T1098.006 Additional Container Cluster Roles",
            "Role with wildcard permissions");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, WildcardRole::new);

    public WildcardRole() {
        super(SPEC);
    }

    @Override
    AlertBuilder finding(EventContext event, List<Facts.Rule> rules, boolean clusterRole) {
        List<Facts.Rule> wildcardRules = new ArrayList<>(2);
        Set<String> fields = new LinkedHashSet<>();
        boolean everything = false;
        for (Facts.Rule rule : rules) {
            List<String> inRule = RoleRules.wildcardFields(rule);
            if (!inRule.isEmpty() && !RoleRules.onlyGroupWildcardOnNamedReads(rule)) {
                wildcardRules.add(rule);
                fields.addAll(inRule);
                everything |= RoleRules.grantsEverything(rule);
            }
        }
        if (wildcardRules.isEmpty()) {
            return null;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + " with \"*\" in "
                        + String.join(", ", ordered(fields)) + RbacRequests.where(event)
                        + (everything ? " (every verb on every resource: cluster-admin in all but name)" : ""));
        for (Facts.Rule rule : wildcardRules) {
            alert.detail("wildcard rule: " + RoleRules.render(rule));
        }
        Map<RoleRules.Sensitive, RoleRules.Grant> sensitive =
                RoleRules.distinct(RoleRules.sensitiveGrants(wildcardRules, clusterRole), g -> true);
        if (!sensitive.isEmpty()) {
            alert.detail("sensitive permissions these rules include: "
                    + String.join(", ", RoleRules.labels(sensitive.values())));
        }
        return alert;
    }

    /** verbs, resources, apiGroups: the order a rule is written in. */
    private static List<String> ordered(Set<String> fields) {
        List<String> out = new ArrayList<>(3);
        for (String f : List.of("verbs", "resources", "apiGroups")) {
            if (fields.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
