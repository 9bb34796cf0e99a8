package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.RbacEvents.group;
import static io.tenantwatch.detectors.testing.RbacEvents.serviceAccount;
import static io.tenantwatch.detectors.testing.RbacEvents.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterWideBroadBindingTest {

    private static final String ID = "cluster-wide-broad-binding";
    private final ClusterWideBroadBinding detector = new ClusterWideBroadBinding();

    @Test
    void aTenantServiceAccountBoundToEditClusterWideIsCritical() {
        // kubectl create clusterrolebinding alpha-deployer-edit --clusterrole=edit --serviceaccount=ci:alpha-deployer
        NormalizedEvent event = RbacEvents.by(MASTERCLIENT)
                .create("clusterrolebindings", null, "alpha-deployer-edit")
                .binding("ClusterRole", "edit", serviceAccount("ci", "alpha-deployer"))
                .build();

        List<Alert> alerts = Detect.withTenancy(detector, event);

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) created clusterrolebindings/alpha-deployer-edit, granting "
                        + "ClusterRole edit cluster-wide to ServiceAccount ci/alpha-deployer");
        assertThat(alert.evidence().details())
                .containsSequence(
                        "role: ClusterRole edit",
                        "scope: cluster-wide: run workloads and read Secrets in every namespace, over every tenant at once",
                        "subject: ServiceAccount ci/alpha-deployer (tenant alpha)");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Privilege Escalation", "T1098.006 Additional Container Cluster Roles"));
        // the catalogue without the tenancy view still raises, at the default severity
        assertThat(Detect.single(ID, event).severity()).isEqualTo(Severity.HIGH);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"admin", "edit", "view", "system:kube-controller-manager", "system:controller:job-controller"})
    void everyDefaultBroadRoleBoundClusterWideIsRaised(String role) {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .create("clusterrolebindings", null, "dave-" + role.replace(':', '-'))
                        .binding("ClusterRole", role, user("dave@fabrikam.com"))
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.summary())
                .contains("granting ClusterRole " + role + " cluster-wide to User dave@fabrikam.com");
    }

    @Test
    void aTenantGroupOrEveryoneIsCriticalAndATenantMemberPatchingInASubjectRaises() {
        Alert toAlpha = Detect.withTenancy(
                        detector,
                        RbacEvents.by(ALICE)
                                .patch("clusterrolebindings", null, "readers")
                                .binding(
                                        "ClusterRole",
                                        "view",
                                        group(TenancyFixtures.ALPHA_DEVELOPERS),
                                        user("bob@contoso.com"))
                                .build())
                .get(0);
        assertThat(toAlpha.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(toAlpha.evidence().details())
                .contains(
                        "subject: Group " + TenancyFixtures.ALPHA_DEVELOPERS + " (tenant alpha)",
                        "subject: User bob@contoso.com (tenant beta)");

        Alert everyone = Detect.single(
                detector,
                RbacEvents.by(DAVE)
                        .create("clusterrolebindings", null, "all-view")
                        .binding("ClusterRole", "view", group("system:authenticated"))
                        .build());
        assertThat(everyone.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(everyone.evidence().details())
                .contains("subject: Group system:authenticated (every identity it names)");
    }

    @Test
    void theRolesAreAParameter() {
        NormalizedEvent event = RbacEvents.by(DAVE)
                .create("clusterrolebindings", null, "dave-ops")
                .binding("ClusterRole", "ops-reader", user("dave@fabrikam.com"))
                .build();
        assertThat(Detect.with(detector, event)).isEmpty();
        assertThat(Detect.with(new ClusterWideBroadBinding(List.of("ops-*")), event))
                .hasSize(1);
    }

    @Test
    void clusterAdminIsLeftToClusterAdminBinding() {
        assertThat(Detect.detectorsRaising(RbacEvents.attachClusterAdminRole().build()))
                .contains("cluster-admin-binding")
                .doesNotContain(ID);
    }

    @Test
    void aRoleBindingOfABroadRoleInOneNamespaceIsQuiet() {
        // a tenant granting its developers admin in its own namespace: the normal case
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("rolebindings", "alpha-prod", "alpha-devs-admin")
                                .binding("ClusterRole", "admin", group(TenancyFixtures.ALPHA_DEVELOPERS))
                                .build()))
                .isEmpty();
    }

    @Test
    void platformIdentitiesMaintainingTheirBindingsAreQuiet() {
        // AKS add-ons, the platform's GitOps, a platform namespace's operator
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .update("clusterrolebindings", null, "aks-service-rolebinding")
                                .binding("ClusterRole", "admin", user("aks-support"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(PLATFORM_GITOPS)
                                .create("clusterrolebindings", null, "prometheus-view")
                                .binding("ClusterRole", "view", serviceAccount("monitoring", "prometheus"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(Identities.serviceAccount("flux-system", "kustomize-controller"))
                                .create("clusterrolebindings", null, "velero-server")
                                .binding("ClusterRole", "edit", serviceAccount("velero", "velero-server"))
                                .build()))
                .isEmpty();
    }

    @Test
    void deletesDeniedWritesAndBodilessEventsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .delete("clusterrolebindings", null, "all-view")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(CI_ALPHA_DEPLOYER)
                                .create("clusterrolebindings", null, "alpha-deployer-edit")
                                .binding("ClusterRole", "edit", serviceAccount("ci", "alpha-deployer"))
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .create("clusterrolebindings", null, "all-view")
                                .build()))
                .isEmpty();
    }
}
