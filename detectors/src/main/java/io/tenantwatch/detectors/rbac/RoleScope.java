package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.EventContext;

/** Where a role's permissions apply, in the words of an alert's details. */
final class RoleScope {

    private RoleScope() {}

    static String of(EventContext event, boolean clusterRole) {
        return clusterRole
                ? "scope: a ClusterRole: cluster-wide wherever a ClusterRoleBinding binds it, one namespace through a RoleBinding"
                : "scope: a Role: namespace " + event.namespace() + " only";
    }
}
