package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.RbacEvents.group;
import static io.tenantwatch.detectors.testing.RbacEvents.rule;
import static io.tenantwatch.detectors.testing.RbacEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class SystemRoleModifiedTest {

    private static final String ID = "system-role-modified";

    @Test
    void theCorpusDeleteOfTheKubeAggregatorRoleIsRaised() {
        // delete_cluster_role_kube_aggregator.json
        Alert alert =
                Detect.single(ID, RbacEvents.deleteClusterRoleKubeAggregator().build());

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.verb()).isEqualTo("delete");
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) deleted clusterroles/system:kube-aggregator, "
                        + "a system: ClusterRole reserved for Kubernetes components");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "object: ClusterRole system:kube-aggregator",
                        "effect: every component bound to it loses these permissions until the API server re-creates it at its next restart");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Persistence", "T1098.006 Additional Container Cluster Roles"));
    }

    @Test
    void theCorpusPatchOfTheNodeProblemDetectorRoleIsRaisedWithItsRulesAsStored() {
        // modify_cluster_role_node_problem_detector.json
        Alert alert = Detect.single(
                ID, RbacEvents.modifyClusterRoleNodeProblemDetector().build());

        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) patched clusterroles/system:node-problem-detector, "
                        + "a system: ClusterRole reserved for Kubernetes components");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "object: ClusterRole system:node-problem-detector",
                        "effect: permissions added to it are held by every component bound to it, and kept across API server restarts",
                        "rule: apiGroups [\"\"] resources [nodes] verbs [get]",
                        "rule: apiGroups [\"\"] resources [nodes/status] verbs [patch]",
                        "rule: apiGroups [\"\"] resources [events] verbs [create, patch, update, list]");
    }

    @Test
    void aSubjectAddedToASystemBindingIsRaisedWithTheRoleAndSubjects() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .patch("clusterrolebindings", null, "system:kube-controller-manager")
                        .binding(
                                "ClusterRole",
                                "system:kube-controller-manager",
                                user("system:kube-controller-manager"),
                                user("dave@fabrikam.com"))
                        .build());

        assertThat(alert.summary())
                .isEqualTo(
                        "dave@fabrikam.com (unattributed) patched clusterrolebindings/"
                                + "system:kube-controller-manager, a system: ClusterRoleBinding reserved for Kubernetes components");
        assertThat(alert.evidence().details())
                .contains(
                        "effect: subjects added to it share a Kubernetes component's permissions, and keep them across API server restarts",
                        "role: ClusterRole system:kube-controller-manager",
                        "subject: User dave@fabrikam.com");
    }

    @Test
    void aNewSystemNameIsRaisedAsCamouflage() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .create("clusterroles", null, "system:metrics-cache")
                        .rules(rule("", "nodes/proxy", "get"))
                        .build());

        assertThat(alert.evidence().details())
                .contains("effect: a new object under a name reserved for Kubernetes, where nobody reviews");
        // what it grants is sensitive-role's finding, raised independently
        assertThat(Detect.detectorsRaising(
                        GroupD.IDS,
                        RbacEvents.by(ALICE)
                                .create("clusterroles", null, "system:metrics-cache")
                                .rules(rule("", "nodes/proxy", "get"))
                                .build()))
                .containsExactlyInAnyOrder(ID, "sensitive-role");
    }

    @Test
    void aPersonChangingASystemRoleInKubeSystemIsRaised() {
        // kubectl edit role -n kube-system system:controller:bootstrap-signer, widening it to every Secret
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .patch("roles", "kube-system", "system:controller:bootstrap-signer")
                        .rules(rule("", "secrets", "get,list,watch"))
                        .build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) patched roles/system:controller:bootstrap-signer "
                        + "in platform namespace kube-system, a system: Role reserved for Kubernetes components");
        assertThat(alert.evidence().details())
                .containsSequence(
                        "object: Role system:controller:bootstrap-signer in namespace kube-system",
                        "effect: permissions added to it are held by every component bound to it, and kept across API server restarts",
                        "rule: apiGroups [\"\"] resources [secrets] verbs [get, list, watch]");
    }

    @Test
    void aSystemRoleBindingInKubeSystemCreatedOrDeletedByAPersonIsRaised() {
        Alert created = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .create("rolebindings", "kube-system", "system::leader-locking-kube-scheduler")
                        .binding("Role", "system::leader-locking-kube-scheduler", user("alice@contoso.com"))
                        .build());
        assertThat(created.evidence().details())
                .contains(
                        "object: RoleBinding system::leader-locking-kube-scheduler in namespace kube-system",
                        "role: Role system::leader-locking-kube-scheduler",
                        "subject: User alice@contoso.com");
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .delete("rolebindings", "kube-public", "system:controller:bootstrap-signer")
                                .build()))
                .hasSize(1);
        // the namespaces are a parameter
        assertThat(Detect.with(
                        new SystemRoleModified(java.util.List.of()),
                        RbacEvents.by(DAVE)
                                .delete("rolebindings", "kube-public", "system:controller:bootstrap-signer")
                                .build()))
                .isEmpty();
    }

    @Test
    void theControllerManagerMaintainingItsKubeSystemRolesIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.KUBE_CONTROLLER_MANAGER)
                                .update("roles", "kube-system", "system::leader-locking-kube-controller-manager")
                                .rules(rule("", "configmaps", "get,update"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .patch("rolebindings", "kube-system", "system:controller:bootstrap-signer")
                                .binding(
                                        "Role",
                                        "system:controller:bootstrap-signer",
                                        RbacEvents.serviceAccount("kube-system", "bootstrap-signer"))
                                .build()))
                .isEmpty();
    }

    @Test
    void platformControllersMaintainingSystemRolesAreQuiet() {
        // the aggregation controller fills system:aggregate-* roles; the controller manager its own binding
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.CLUSTERROLE_AGGREGATION_CONTROLLER)
                                .update("clusterroles", null, "system:aggregate-to-edit")
                                .rules(rule("", "pods", "create,delete"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.KUBE_CONTROLLER_MANAGER)
                                .patch("clusterrolebindings", null, "system:controller:node-controller")
                                .binding("ClusterRole", "system:controller:node-controller", group("system:nodes"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .delete("clusterroles", null, "system:azure-cloud-provider")
                                .build()))
                .isEmpty();
    }

    @Test
    void otherNamesRolesAndRequestsAreQuiet() {
        // delete_clusterrole.json-like: an ordinary name
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.MINIKUBE_USER)
                                .replay()
                                .delete("clusterroles", null, "some-reader")
                                .build()))
                .isEmpty();
        // a tenant's own Role may carry the prefix: only kube-system and kube-public count
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .patch("roles", "alpha-prod", "system:leader-locking")
                                .rules(rule("", "configmaps", "get"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .get("clusterroles", null, "system:kube-aggregator")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .delete("clusterroles", null, "system:kube-aggregator")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .delete("clusterroles", null, "system:kube-aggregator")
                                .code(404)
                                .build()))
                .isEmpty();
    }
}
