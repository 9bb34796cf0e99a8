package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.RbacEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class WildcardRoleTest {

    private static final String ID = "wildcard-role";

    @Test
    void theCorpusClusterRoleWithWildcardResourcesIsRaisedWithWhatTheWildcardReaches() {
        // create_cluster_role_wildcard_resources.json
        Alert alert = Detect.single(
                ID, RbacEvents.createClusterRoleWildcardResources().build());

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.resource())
                .isEqualTo(new Alert.AlertResource(RbacEvents.RBAC_GROUP, "clusterroles", null, "some-reader"));
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created clusterroles/some-reader with \"*\" in resources");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "wildcard rule: apiGroups [\"\"] resources [*] verbs [get, list]",
                        "sensitive permissions these rules include: pods/exec, nodes/proxy, cluster-wide secrets read (get, list)",
                        "scope: a ClusterRole: cluster-wide wherever a ClusterRoleBinding binds it, one namespace through a RoleBinding");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Privilege Escalation", "T1098.006 Additional Container Cluster Roles"));
    }

    @Test
    void theCorpusClusterRoleWithWildcardVerbsIsRaised() {
        // create_cluster_role_wildcard_verbs.json
        Alert alert =
                Detect.single(ID, RbacEvents.createClusterRoleWildcardVerbs().build());

        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created clusterroles/some-reader with \"*\" in verbs");
        assertThat(alert.evidence().details()).startsWith("wildcard rule: apiGroups [\"\"] resources [pods] verbs [*]");
    }

    @Test
    void theCorpusClusterRolesWithoutWildcardsAreQuiet() {
        // create_clusterrole.json, create_cluster_role_pod_exec.json, create_cluster_role_write_privileges.json
        assertThat(Detect.raisedBy(ID, RbacEvents.createClusterRole().build())).isEmpty();
        assertThat(Detect.raisedBy(ID, RbacEvents.createClusterRolePodExec().build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.createClusterRoleWritePrivileges().build()))
                .isEmpty();
    }

    @Test
    void aRuleOfThreeWildcardsIsCalledClusterAdminInAllButName() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(MASTERCLIENT)
                        .create("clusterroles", null, "ops-superuser")
                        .rules(rule("*", "*", "*"))
                        .build());

        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) created clusterroles/ops-superuser with \"*\" in verbs, "
                        + "resources, apiGroups (every verb on every resource: cluster-admin in all but name)");
        assertThat(alert.evidence().details())
                .contains(
                        "sensitive permissions these rules include: escalate on *, bind on *, "
                                + "impersonate on *, pods/exec, nodes/proxy, serviceaccounts/token create, cluster-wide secrets read (*)");
    }

    @Test
    void aTenantRoleWithAWildcardApiGroupIsRaisedInItsNamespace() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .patch("roles", "alpha-prod", "deployer")
                        .rules(
                                rule("", "configmaps,services", "get,list,create,update"),
                                rule("*", "deployments", "get,list,patch"))
                        .build());

        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) patched roles/deployer with \"*\" in apiGroups "
                        + "in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "wildcard rule: apiGroups [*] resources [deployments] verbs [get, list, patch]",
                        "scope: a Role: namespace alpha-prod only",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"alice@contoso.com-binding\" of ClusterRole "
                                + "\"tenant-operator\" to User \"alice@contoso.com\"");
    }

    @Test
    void aWildcardApiGroupOnlyOnNamedResourcesWithReadVerbsIsQuiet() {
        // an operator's or dashboard's read role, not tied to the group a kind lives in
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "dashboard-reader")
                                .rules(rule("*", "deployments,statefulsets,ingresses", "get,list,watch"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .create("clusterroles", null, "inventory-reader")
                                .rules(rule("*", "deployments,cronjobs", "get,list"))
                                .build()))
                .isEmpty();
    }

    @Test
    void aWildcardInVerbsOrResourcesBesideAGroupWildcardStillRaises() {
        assertThat(Detect.single(
                                ID,
                                RbacEvents.by(ALICE)
                                        .create("roles", "alpha-prod", "reader")
                                        .rules(rule("*", "deployments", "get,list"), rule("*", "*", "get,list"))
                                        .build())
                        .evidence()
                        .details())
                .contains("wildcard rule: apiGroups [*] resources [*] verbs [get, list]")
                .doesNotContain("wildcard rule: apiGroups [*] resources [deployments] verbs [get, list]");
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "reader")
                                .rules(rule("*", "deployments", "*"))
                                .build()))
                .hasSize(1);
    }

    @Test
    void subresourceWildcardsAndNamedPermissionsAreNotWildcards() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "autoscaler")
                                .rules(rule("apps", "*/scale", "get,update"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "reader")
                                .rules(rule("", "configmaps", "get,list"))
                                .build()))
                .isEmpty();
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .update("clusterroles", null, "cluster-admin")
                                .rules(
                                        rule("*", "*", "*"),
                                        new Facts.Rule(List.of("*"), List.of(), List.of(), List.of("*")))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.CLUSTERROLE_AGGREGATION_CONTROLLER)
                                .update("clusterroles", null, "monitoring-aggregate")
                                .rules(rule("metrics.k8s.io", "*", "get,list"))
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedFailedAndDeletedRolesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("clusterroles", null, "all")
                                .rules(rule("*", "*", "*"))
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .create("clusterroles", null, "all")
                                .rules(rule("*", "*", "*"))
                                .code(409)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .delete("clusterroles", null, "all")
                                .build()))
                .isEmpty();
    }
}
