package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.RbacEvents.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensitiveRoleTest {

    private static final String ID = "sensitive-role";

    @Test
    void theCorpusClusterRoleWithPodExecIsRaised() {
        // create_cluster_role_pod_exec.json
        Alert alert = Detect.single(ID, RbacEvents.createClusterRolePodExec().build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created clusterroles/some-reader granting pods/exec");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "grants pods/exec: run commands in pods (rule: apiGroups [\"\"] resources [pods/exec] verbs [get])",
                        "scope: a ClusterRole: cluster-wide wherever a ClusterRoleBinding binds it, one namespace through a RoleBinding");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Privilege Escalation", "T1098.006 Additional Container Cluster Roles"));
    }

    @Test
    void theCorpusOrdinaryClusterRolesAreQuiet() {
        // create_clusterrole.json (get, list pods), create_cluster_role_write_privileges.json (get pods, delete on
        // URLs)
        assertThat(Detect.raisedBy(ID, RbacEvents.createClusterRole().build())).isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.createClusterRoleWritePrivileges().build()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "rbac.authorization.k8s.io | clusterroles,roles  | escalate     | escalate on clusterroles, roles",
                "rbac.authorization.k8s.io | clusterroles        | bind,get     | bind on clusterroles",
                "''                        | users,groups        | impersonate  | impersonate on users, groups",
                "''                        | serviceaccounts     | impersonate  | impersonate on serviceaccounts",
                "''                        | nodes/proxy         | get          | nodes/proxy",
                "''                        | pods/exec           | create       | pods/exec",
                "''                        | */exec              | get          | pods/exec",
                "''                        | serviceaccounts/token | create     | serviceaccounts/token create",
                "''                        | secrets             | get,list     | cluster-wide secrets read (get, list)",
                "''                        | secrets,configmaps  | watch        | cluster-wide secrets read (watch)"
            })
    void everySensitivePermissionOfTheRowIsNamed(String apiGroups, String resources, String verbs, String grant) {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .create("clusterroles", null, "helper")
                        .rules(rule("", "configmaps", "get,list"), rule(apiGroups, resources, verbs))
                        .build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) created clusterroles/helper granting " + grant);
        assertThat(alert.evidence().details().get(0)).startsWith("grants " + grant + ": ");
    }

    @Test
    void aRoleGrantingSeveralIsOneAlertNamingThemAll() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .create("roles", "alpha-prod", "debugger")
                        .rules(
                                rule("", "pods/exec,pods/attach", "create,get"),
                                rule("", "serviceaccounts/token", "create"),
                                rule("", "secrets", "get,list"))
                        .build());

        // a Role's secrets stay in its namespace: not a cluster-wide read
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created roles/debugger granting pods/exec, "
                        + "serviceaccounts/token create in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .contains(
                        "grants serviceaccounts/token create: mint tokens for service accounts "
                                + "(rule: apiGroups [\"\"] resources [serviceaccounts/token] verbs [create])",
                        "scope: a Role: namespace alpha-prod only");
    }

    @Test
    void permissionsReachedOnlyThroughAWildcardAreLeftToWildcardRole() {
        NormalizedEvent corpus = RbacEvents.createClusterRoleWildcardResources().build();

        assertThat(Detect.raisedBy(ID, corpus)).isEmpty();
        assertThat(Detect.detectorsRaising(GroupD.IDS, corpus))
                .contains("wildcard-role")
                .doesNotContain(ID);
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .create("clusterroles", null, "everything")
                                .rules(rule("*", "*", "*"))
                                .build()))
                .isEmpty();
    }

    @Test
    void aWildcardRuleThatNamesASensitivePermissionRaisesBoth() {
        NormalizedEvent event = RbacEvents.by(DAVE)
                .create("clusterroles", null, "secret-admin")
                .rules(rule("", "secrets", "*"))
                .build();

        assertThat(Detect.detectorsRaising(GroupD.IDS, event)).containsExactlyInAnyOrder("wildcard-role", ID);
        assertThat(Detect.single(ID, event).summary()).endsWith("granting cluster-wide secrets read (*)");
    }

    @Test
    void whatWildcardsAlsoReachIsNamedNextToTheExplicitGrant() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .create("clusterroles", null, "debugger")
                        .rules(rule("", "pods/exec", "create"), rule("", "*", "get"))
                        .build());

        assertThat(alert.summary()).endsWith("granting pods/exec");
        assertThat(alert.evidence().details())
                .contains("also through \"*\" (raised as wildcard-role): nodes/proxy, cluster-wide secrets read (get)");
    }

    @Test
    void ordinaryRolesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "config-reader")
                                .rules(rule("", "configmaps", "get,list,watch"))
                                .build()))
                .isEmpty();
        // a namespaced Role reading its namespace's secrets
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "secret-reader")
                                .rules(rule("", "secrets", "get,list"))
                                .build()))
                .isEmpty();
        // reading a token's service account is not minting one
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "sa-reader")
                                .rules(rule("", "serviceaccounts,serviceaccounts/token", "get,list"))
                                .build()))
                .isEmpty();
        // pods/exec of another API group is not the core pods
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("roles", "alpha-prod", "odd")
                                .rules(rule("apps", "pods/exec", "create"))
                                .build()))
                .isEmpty();
    }

    @Test
    void platformIdentitiesAreQuiet() {
        // the aggregation controller fills the built-in admin ClusterRole, which grants exec and impersonation
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.CLUSTERROLE_AGGREGATION_CONTROLLER)
                                .update("clusterroles", null, "admin")
                                .rules(
                                        rule(
                                                "",
                                                "pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy",
                                                "get,list,watch"),
                                        rule("", "serviceaccounts", "impersonate"),
                                        rule("", "pods/exec", "create"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(PLATFORM_GITOPS)
                                .create("clusterroles", null, "flux-reader")
                                .rules(rule("", "secrets", "get,list,watch"))
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedFailedAndDeletedRolesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("clusterroles", null, "exec")
                                .rules(rule("", "pods/exec", "create"))
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .update("clusterroles", null, "exec")
                                .rules(rule("", "pods/exec", "create"))
                                .code(422)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .delete("clusterroles", null, "exec")
                                .build()))
                .isEmpty();
    }
}
