package io.tenantwatch.detectors.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/detection-quality.md, "Parity with Falco's k8saudit rules, measured", for group D: each
 * corpus event (as {@code replay FILE} attributes it, without a tenancy file) and exactly the
 * group D detectors it raises. minikube-user is in system:masters, so {@code break-glass-admin}
 * rides along, as the catalogue allows.
 */
class RbacCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                corpus(
                        "attach_cluster_admin_role.json",
                        RbacEvents::attachClusterAdminRole,
                        "cluster-admin-binding",
                        "break-glass-admin"),
                corpus("create_clusterrolebinding.json", RbacEvents::createClusterRoleBinding, "break-glass-admin"),
                corpus("create_clusterrole.json", RbacEvents::createClusterRole, "break-glass-admin"),
                corpus(
                        "create_cluster_role_pod_exec.json",
                        RbacEvents::createClusterRolePodExec,
                        "sensitive-role",
                        "break-glass-admin"),
                corpus(
                        "create_cluster_role_wildcard_resources.json",
                        RbacEvents::createClusterRoleWildcardResources,
                        "wildcard-role",
                        "break-glass-admin"),
                corpus(
                        "create_cluster_role_wildcard_verbs.json",
                        RbacEvents::createClusterRoleWildcardVerbs,
                        "wildcard-role",
                        "break-glass-admin"),
                corpus(
                        "create_cluster_role_write_privileges.json",
                        RbacEvents::createClusterRoleWritePrivileges,
                        "break-glass-admin"),
                corpus(
                        "delete_cluster_role_kube_aggregator.json",
                        RbacEvents::deleteClusterRoleKubeAggregator,
                        "system-role-modified",
                        "break-glass-admin"),
                corpus(
                        "modify_cluster_role_node_problem_detector.json",
                        RbacEvents::modifyClusterRoleNodeProblemDetector,
                        "system-role-modified",
                        "break-glass-admin"),
                corpus(
                        "anonymous_creates_namespace_foo.json",
                        RbacEvents::anonymousCreatesNamespaceFoo,
                        "anonymous-access"),
                corpus("create_service_account_token_secret.json", RbacEvents::createServiceAccountTokenSecret));
    }

    private static Arguments corpus(String file, Supplier<AuditEvents.Builder> event, String... raised) {
        return Arguments.of(file, event, List.of(raised));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCorpusEventRaisesExactlyTheseGroupDDetectors(
            String file, Supplier<AuditEvents.Builder> event, List<String> raised) {
        NormalizedEvent normalized = event.get().build();

        assertThat(normalized.cluster()).isEqualTo(AuditEvents.REPLAY_CLUSTER);
        assertThat(Detect.detectorsRaising(GroupD.IDS, normalized))
                .as(file)
                .containsExactlyInAnyOrderElementsOf(raised);
    }
}
