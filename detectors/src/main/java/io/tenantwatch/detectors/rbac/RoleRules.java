package io.tenantwatch.detectors.rbac;

import io.tenantwatch.schemas.Facts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the rules of a Role or ClusterRole the way the API server's RBAC authorizer matches them,
 * for {@code wildcard-role} and {@code sensitive-role}.
 *
 * <p>A rule grants a sensitive permission <em>explicitly</em> when it names it: the verb
 * ({@code escalate}, {@code bind}, {@code impersonate}) is in its verbs, or the resource
 * ({@code pods/exec}, {@code nodes/proxy}, {@code serviceaccounts/token}, {@code secrets}; the
 * subresource wildcards {@code *}{@code /exec}, {@code *}{@code /proxy} and {@code *}{@code /token}
 * name the subresource too) is in its resources. A {@code *} elsewhere in the same rule does not
 * change that: {@code verbs: ["*"]} on {@code secrets} names secrets. It grants it <em>through a
 * wildcard</em> when only a {@code *} in verbs or resources reaches it: {@code resources: ["*"]}
 * with {@code get} includes {@code pods/exec} (WebSocket exec uses get), {@code nodes/proxy} and
 * every secret. Wildcards are {@code wildcard-role}'s finding; {@code sensitive-role} raises on
 * explicit grants only, so one rule is one alert unless it is both.
 *
 * <p>An empty {@code apiGroups} list is read as matching (a patch's facts may carry only part of a
 * rule): the detectors err towards raising.
 */
final class RoleRules {

    static final String WILDCARD = "*";
    private static final String CORE_GROUP = "";
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch", WILDCARD);
    private static final Set<String> ROLE_RESOURCES = Set.of("roles", "clusterroles", WILDCARD);
    private static final Set<String> IMPERSONATION_RESOURCES =
            Set.of("users", "groups", "serviceaccounts", "uids", WILDCARD);

    /** A sensitive permission of the catalogue row, with what it lets its holder do. */
    enum Sensitive {
        ESCALATE("escalate", "create or widen roles beyond the writer's own permissions"),
        BIND("bind", "bind any role, including ones the binder does not hold"),
        IMPERSONATE("impersonate", "act as other users, groups or service accounts"),
        POD_EXEC("pods/exec", "run commands in pods"),
        NODE_PROXY(
                "nodes/proxy", "the kubelet API of nodes: run commands in any pod there, without an exec audit event"),
        SERVICE_ACCOUNT_TOKEN("serviceaccounts/token create", "mint tokens for service accounts"),
        SECRETS_READ("cluster-wide secrets read", "read the Secrets of every namespace");

        private final String label;
        private final String meaning;

        Sensitive(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        String label() {
            return label;
        }

        String meaning() {
            return meaning;
        }
    }

    /** One sensitive permission one rule grants; {@code explicit} false when only a {@code *} reaches it. */
    record Grant(Sensitive what, boolean explicit, Facts.Rule rule) {}

    private RoleRules() {}

    /** Which of the rule's verbs, resources and apiGroups hold {@code *}, in that order; empty when none. */
    static List<String> wildcardFields(Facts.Rule rule) {
        List<String> fields = new ArrayList<>(3);
        if (rule.verbs().contains(WILDCARD)) {
            fields.add("verbs");
        }
        if (rule.resources().contains(WILDCARD)) {
            fields.add("resources");
        }
        if (rule.apiGroups().contains(WILDCARD)) {
            fields.add("apiGroups");
        }
        return fields;
    }

    /**
     * The rule's only {@code *} is in apiGroups, and it reads named resources ({@code get},
     * {@code list}, {@code watch} on {@code deployments} in any group). Operators and dashboards
     * write rules like that so as not to track which group a kind moved to; what they reach is
     * still spelled out, so it is no wildcard grant ({@code sensitive-role} still judges the names).
     */
    static boolean onlyGroupWildcardOnNamedReads(Facts.Rule rule) {
        if (!rule.apiGroups().contains(WILDCARD)
                || rule.resources().isEmpty()
                || rule.resources().contains(WILDCARD)
                || rule.verbs().isEmpty()) {
            return false;
        }
        for (String verb : rule.verbs()) {
            if (WILDCARD.equals(verb) || !READ_VERBS.contains(verb)) {
                return false;
            }
        }
        return true;
    }

    /** Every verb on every resource of every API group: what cluster-admin is. */
    static boolean grantsEverything(Facts.Rule rule) {
        return wildcardFields(rule).size() == 3;
    }

    /**
     * The sensitive permissions the rules grant, explicit or through a wildcard, in rule order, one
     * entry per (rule, permission). Cluster-wide secrets read counts for ClusterRoles only: a Role's
     * secrets stay in its namespace.
     */
    static List<Grant> sensitiveGrants(List<Facts.Rule> rules, boolean clusterRole) {
        List<Grant> grants = new ArrayList<>(2);
        for (Facts.Rule rule : rules) {
            if (rule.resources().isEmpty() || rule.verbs().isEmpty()) {
                continue; // non-resource URLs only, or a rule that grants nothing
            }
            boolean anyVerb = rule.verbs().contains(WILDCARD);
            boolean anyResource = rule.resources().contains(WILDCARD);
            verbGrant(
                    grants,
                    rule,
                    Sensitive.ESCALATE,
                    "escalate",
                    anyVerb && matches(rule, ROLE_RESOURCES, RbacRequests.RBAC_GROUP));
            verbGrant(
                    grants,
                    rule,
                    Sensitive.BIND,
                    "bind",
                    anyVerb && matches(rule, ROLE_RESOURCES, RbacRequests.RBAC_GROUP));
            verbGrant(
                    grants,
                    rule,
                    Sensitive.IMPERSONATE,
                    "impersonate",
                    anyVerb
                            && (matches(rule, IMPERSONATION_RESOURCES, CORE_GROUP)
                                    || matches(rule, IMPERSONATION_RESOURCES, "authentication.k8s.io")));
            if (coreGroup(rule)) {
                subresourceGrant(grants, rule, Sensitive.POD_EXEC, "pods/exec", "*/exec", anyResource);
                subresourceGrant(grants, rule, Sensitive.NODE_PROXY, "nodes/proxy", "*/proxy", anyResource);
                if (anyVerb || rule.verbs().contains("create")) {
                    subresourceGrant(
                            grants,
                            rule,
                            Sensitive.SERVICE_ACCOUNT_TOKEN,
                            "serviceaccounts/token",
                            "*/token",
                            anyResource);
                }
                if (clusterRole && readsAny(rule)) {
                    if (rule.resources().contains("secrets")) {
                        grants.add(new Grant(Sensitive.SECRETS_READ, true, rule));
                    } else if (anyResource) {
                        grants.add(new Grant(Sensitive.SECRETS_READ, false, rule));
                    }
                }
            }
        }
        return grants;
    }

    private static void verbGrant(
            List<Grant> grants, Facts.Rule rule, Sensitive what, String verb, boolean throughWildcard) {
        if (rule.verbs().contains(verb)) {
            grants.add(new Grant(what, true, rule));
        } else if (throughWildcard) {
            grants.add(new Grant(what, false, rule));
        }
    }

    private static void subresourceGrant(
            List<Grant> grants,
            Facts.Rule rule,
            Sensitive what,
            String resource,
            String anyParent,
            boolean anyResource) {
        if (rule.resources().contains(resource) || rule.resources().contains(anyParent)) {
            grants.add(new Grant(what, true, rule));
        } else if (anyResource) {
            grants.add(new Grant(what, false, rule));
        }
    }

    /** The rule names one of the resources (or {@code *}) in the group (or {@code *}, or no groups). */
    private static boolean matches(Facts.Rule rule, Set<String> resources, String group) {
        boolean groupMatches = rule.apiGroups().isEmpty()
                || rule.apiGroups().contains(group)
                || rule.apiGroups().contains(WILDCARD);
        if (!groupMatches) {
            return false;
        }
        for (String r : rule.resources()) {
            if (resources.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coreGroup(Facts.Rule rule) {
        return rule.apiGroups().isEmpty()
                || rule.apiGroups().contains(CORE_GROUP)
                || rule.apiGroups().contains(WILDCARD);
    }

    private static boolean readsAny(Facts.Rule rule) {
        for (String verb : rule.verbs()) {
            if (READ_VERBS.contains(verb)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The distinct permissions among the grants that {@code which} accepts, in catalogue order,
     * keeping the first grant of each.
     */
    static Map<Sensitive, Grant> distinct(List<Grant> grants, Predicate<Grant> which) {
        Map<Sensitive, Grant> out = new EnumMap<>(Sensitive.class);
        for (Grant g : grants) {
            if (which.test(g)) {
                out.putIfAbsent(g.what(), g);
            }
        }
        return out;
    }

    /** The {@link #label labels} of the grants, in order. */
    static List<String> labels(Collection<Grant> grants) {
        List<String> out = new ArrayList<>(grants.size());
        grants.forEach(g -> out.add(label(g)));
        return out;
    }

    /** What one grant gives, for a summary: {@code pods/exec}, {@code impersonate on users, groups}. */
    static String label(Grant grant) {
        Sensitive what = grant.what();
        if (what == Sensitive.ESCALATE || what == Sensitive.BIND || what == Sensitive.IMPERSONATE) {
            return what.label() + " on " + String.join(", ", grant.rule().resources());
        }
        if (what == Sensitive.SECRETS_READ) {
            List<String> reads = new ArrayList<>(3);
            for (String verb : grant.rule().verbs()) {
                if (READ_VERBS.contains(verb)) {
                    reads.add(verb);
                }
            }
            return what.label() + " (" + String.join(", ", reads) + ")";
        }
        return what.label();
    }

    /**
     * A rule as an analyst reads it in a Role manifest:
     * {@code apiGroups [""] resources [pods/exec] verbs [get]}, or
     * {@code nonResourceURLs [/healthz] verbs [get]}.
     */
    static String render(Facts.Rule rule) {
        StringBuilder out = new StringBuilder(96);
        if (!rule.resources().isEmpty() || rule.nonResourceURLs().isEmpty()) {
            out.append("apiGroups [");
            for (int i = 0; i < rule.apiGroups().size(); i++) {
                String group = rule.apiGroups().get(i);
                out.append(i == 0 ? "" : ", ").append(group.isEmpty() ? "\"\"" : group);
            }
            out.append("] resources [")
                    .append(String.join(", ", rule.resources()))
                    .append(']');
        }
        if (!rule.nonResourceURLs().isEmpty()) {
            out.append(out.length() == 0 ? "" : " ")
                    .append("nonResourceURLs [")
                    .append(String.join(", ", rule.nonResourceURLs()))
                    .append(']');
        }
        return out.append(" verbs [")
                .append(String.join(", ", rule.verbs()))
                .append(']')
                .toString();
    }
}
