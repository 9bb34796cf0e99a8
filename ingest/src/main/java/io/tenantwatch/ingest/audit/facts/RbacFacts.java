package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.Rbac;
import io.tenantwatch.schemas.Facts.RoleRef;
import io.tenantwatch.schemas.Facts.Rule;
import io.tenantwatch.schemas.Facts.Subject;
import java.util.ArrayList;
import java.util.List;

/** Role and binding facts (docs/detectors.md group D, and cross-tenant-binding). */
final class RbacFacts {

    private RbacFacts() {}

    /** Roles and ClusterRoles: their rules. */
    static Rbac role(JsonNode role) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : Nodes.elements(role.path("rules"))) {
            rules.add(new Rule(
                    Nodes.texts(r.path("verbs")),
                    Nodes.texts(r.path("resources")),
                    Nodes.texts(r.path("apiGroups")),
                    Nodes.texts(r.path("nonResourceURLs"))));
        }
        return new Rbac(null, null, rules);
    }

    /** RoleBindings and ClusterRoleBindings: roleRef and subjects. */
    static Rbac binding(JsonNode binding) {
        JsonNode ref = binding.path("roleRef");
        RoleRef roleRef = ref.isObject()
                ? new RoleRef(
                        Nodes.text(ref.path("kind")), Nodes.text(ref.path("name")), Nodes.text(ref.path("apiGroup")))
                : null;
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode s : Nodes.elements(binding.path("subjects"))) {
            subjects.add(new Subject(
                    Nodes.text(s.path("kind")), Nodes.text(s.path("name")), Nodes.text(s.path("namespace"))));
        }
        return new Rbac(roleRef, subjects, null);
    }
}
