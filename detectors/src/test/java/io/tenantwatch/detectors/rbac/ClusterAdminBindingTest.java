package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.RbacEvents.group;
import static io.tenantwatch.detectors.testing.RbacEvents.serviceAccount;
import static io.tenantwatch.detectors.testing.RbacEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterAdminBindingTest {

    private static final String ID = "cluster-admin-binding";

    @Test
    void theCorpusClusterRoleBindingOfClusterAdminIsCritical() {
        // attach_cluster_admin_role.json
        Alert alert = Detect.single(ID, RbacEvents.attachClusterAdminRole().build());

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.cluster()).isEqualTo("default");
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isNull();
        assertThat(alert.actor().username()).isEqualTo("minikube-user");
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.evidence().auditIds()).containsExactly("c97244c7-4aec-4714-946a-8204d00ecdca");
        assertThat(alert.evidence().sourceIPs()).containsExactly("192.168.99.1");
        assertThat(alert.evidence().requestURI()).isEqualTo("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created clusterrolebindings/some-reader-binding, "
                        + "granting ClusterRole cluster-admin cluster-wide to User minikube");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "role: ClusterRole cluster-admin",
                        "scope: cluster-wide: every namespace of every tenant, and every cluster-scoped resource",
                        "subject: User minikube");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Privilege Escalation", "T1098.006 Additional Container Cluster Roles"));
    }

    @Test
    void theCorpusBindingOfAnOrdinaryRoleIsQuiet() {
        // create_clusterrolebinding.json: the same binding, of system:basic-user
        assertThat(Detect.raisedBy(ID, RbacEvents.createClusterRoleBinding().build()))
                .isEmpty();
    }

    @Test
    void aTenantMemberBindingClusterAdminInItsOwnNamespaceIsRaisedWithTheNamespaceScope() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .create("rolebindings", "alpha-prod", "debug-admin")
                        .binding("ClusterRole", "cluster-admin", serviceAccount("alpha-prod", "default"))
                        .build());

        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo(
                        "alice@contoso.com (tenant alpha) created rolebindings/debug-admin, granting "
                                + "ClusterRole cluster-admin in namespace alpha-prod of tenant alpha to ServiceAccount alpha-prod/default");
        assertThat(alert.evidence().details())
                .contains(
                        "scope: namespace alpha-prod: full control of it, its RBAC and Secrets included",
                        "subject: ServiceAccount alpha-prod/default");
        assertThat(alert.evidence().details()).anyMatch(d -> d.startsWith("authorization: RBAC: allowed by"));
    }

    @Test
    void addingASubjectToAnExistingClusterAdminBindingIsAGrantToo() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(MASTERCLIENT)
                        .patch("clusterrolebindings", null, "aks-cluster-admin-binding")
                        .binding(
                                "ClusterRole",
                                "cluster-admin",
                                group(TenancyFixtures.AKS_CLUSTER_ADMINS),
                                user("eve@fabrikam.com"),
                                serviceAccount("ci", "alpha-deployer"),
                                group("system:authenticated"))
                        .build());

        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) patched clusterrolebindings/aks-cluster-admin-binding, "
                        + "granting ClusterRole cluster-admin cluster-wide to Group "
                        + TenancyFixtures.AKS_CLUSTER_ADMINS
                        + ", User eve@fabrikam.com, ServiceAccount ci/alpha-deployer and 1 more");
        assertThat(alert.evidence().details()).contains("subject: Group system:authenticated");
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(CI_ALPHA_DEPLOYER)
                                .update("clusterrolebindings", null, "ci-admin")
                                .binding("ClusterRole", "cluster-admin", serviceAccount("ci", "alpha-deployer"))
                                .build()))
                .hasSize(1);
    }

    @Test
    void aConfiguredAdminRoleIsRaisedLikeClusterAdmin() {
        ClusterAdminBinding detector = new ClusterAdminBinding(List.of("cluster-admin", "tenant-break-glass"));

        assertThat(Detect.with(
                        detector,
                        RbacEvents.by(ALICE)
                                .create("clusterrolebindings", null, "alice-glass")
                                .binding("ClusterRole", "tenant-break-glass", user("alice@contoso.com"))
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        new ClusterAdminBinding(),
                        RbacEvents.by(ALICE)
                                .create("clusterrolebindings", null, "alice-glass")
                                .binding("ClusterRole", "tenant-break-glass", user("alice@contoso.com"))
                                .build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"view", "edit", "admin", "system:aggregate-to-view"})
    void bindingsToOtherRolesAreQuiet(String role) {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("rolebindings", "alpha-prod", "team-" + role.replace(':', '-'))
                                .binding("ClusterRole", role, group(TenancyFixtures.ALPHA_DEVELOPERS))
                                .build()))
                .isEmpty();
    }

    @Test
    void aNamespacedRoleThatOnlyBorrowsTheNameIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("rolebindings", "alpha-prod", "confusing")
                                .binding("Role", "cluster-admin", user("alice@contoso.com"))
                                .build()))
                .isEmpty();
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .update("clusterrolebindings", null, "aks-cluster-admin-binding")
                                .binding("ClusterRole", "cluster-admin", group(TenancyFixtures.AKS_CLUSTER_ADMINS))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(PLATFORM_GITOPS)
                                .create("clusterrolebindings", null, "flux-cluster-admin")
                                .binding(
                                        "ClusterRole",
                                        "cluster-admin",
                                        serviceAccount("flux-system", "kustomize-controller"))
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedFailedAndDeletedBindingsAreQuiet() {
        AuditEvents.Builder[] quiet = {
            RbacEvents.by(ALICE)
                    .create("clusterrolebindings", null, "alice-admin")
                    .binding("ClusterRole", "cluster-admin", user("alice@contoso.com"))
                    .forbidden(),
            RbacEvents.by(MASTERCLIENT)
                    .create("clusterrolebindings", null, "alice-admin")
                    .binding("ClusterRole", "cluster-admin", user("alice@contoso.com"))
                    .code(409),
            RbacEvents.by(MASTERCLIENT)
                    .create("clusterrolebindings", null, "alice-admin")
                    .binding("ClusterRole", "cluster-admin", user("alice@contoso.com"))
                    .code(422),
            RbacEvents.by(MASTERCLIENT)
                    .delete("clusterrolebindings", null, "alice-admin")
                    .binding("ClusterRole", "cluster-admin", user("alice@contoso.com")),
        };
        for (AuditEvents.Builder event : quiet) {
            assertThat(Detect.raisedBy(ID, event.build())).isEmpty();
        }
    }

    @Test
    void aBindingWithoutSubjectsOrWithoutABodyIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .patch("clusterrolebindings", null, "alice-admin")
                                .binding("ClusterRole", "cluster-admin")
                                .build()))
                .isEmpty();
        // Metadata audit level: no body, no facts
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .create("clusterrolebindings", null, "alice-admin")
                                .build()))
                .isEmpty();
    }
}
