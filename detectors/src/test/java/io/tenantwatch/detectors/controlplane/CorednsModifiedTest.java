package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorednsModifiedTest {

    private static final String ID = "coredns-modified";

    @Test
    void theLocalAdminAccountRewritingCorednsCustomIsRaised() {
        // a stolen cluster-admin kubeconfig adds a rewrite for the identity provider
        NormalizedEvent event = ControlPlaneEvents.by(MASTERCLIENT)
                .patch("configmaps", "kube-system", "coredns-custom")
                .configMap(List.of("login.override"), List.of())
                .reason(
                        "RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\"")
                .build();

        Alert alert = Detect.single(ID, event);

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.namespace()).isEqualTo("kube-system");
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) patched configmaps/coredns-custom in platform namespace "
                        + "kube-system (cluster DNS configuration)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "dns configuration: coredns-custom",
                        "keys: login.override",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\"");
        assertThat(alert.evidence().requestURI()).isEqualTo("/api/v1/namespaces/kube-system/configmaps/coredns-custom");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Credential Access", "T1557 Adversary-in-the-Middle"));
    }

    @Test
    void aksReconcilingCorednsIsQuiet() {
        // the real event: aksService re-creates coredns-custom, 409 AlreadyExists (sysdiglabs_event.json)
        assertThat(Detect.raisedBy(ID, ControlPlaneEvents.aksServiceCreatesCorednsCustomCorpus()))
                .isEmpty();
        // and the same reconcile when it does write: platform identities are ignored (group E default)
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(AKS_SERVICE)
                                .update("configmaps", "kube-system", "coredns")
                                .configMap(List.of("Corefile"), List.of())
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(AKS_SERVICE)
                                .create("configmaps", "kube-system", "coredns-custom")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(PLATFORM_GITOPS)
                                .patch("configmaps", "kube-system", "coredns-custom")
                                .build()))
                .isEmpty();
    }

    @Test
    void anyNonPlatformWriterOfEitherNameIsRaised() {
        Alert deleted = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .delete("configmaps", "kube-system", "coredns")
                        .build());
        Alert byTenant = Detect.single(
                ID,
                ControlPlaneEvents.by(ALICE)
                        .update("configmaps", "kube-system", "coredns-custom")
                        .build());
        Alert byBreakGlass = Detect.single(
                ID,
                ControlPlaneEvents.by(CAROL_ADMIN)
                        .create("configmaps", "kube-system", "coredns-custom")
                        .build());

        assertThat(deleted.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) deleted configmaps/coredns in platform "
                        + "namespace kube-system (cluster DNS configuration)");
        assertThat(byTenant.summary()).startsWith("alice@contoso.com (tenant alpha) updated configmaps/coredns-custom");
        assertThat(byBreakGlass.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(deleted.fingerprint()).isNotEqualTo(byTenant.fingerprint());
    }

    @Test
    void deletingEveryConfigMapOfKubeSystemTakesTheDnsConfigurationWithIt() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .deleteCollection("configmaps", "kube-system")
                        .build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) deleted all configmaps in platform namespace "
                        + "kube-system (the cluster DNS configuration with them)");
        assertThat(alert.evidence().details())
                .contains("dns configuration: coredns, coredns-custom (all ConfigMaps of the namespace)");
    }

    @Test
    void otherConfigMapsNamespacesReadsAndFailuresAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("configmaps", "alpha-prod", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .patch("configmaps", "kube-system", "coredns-autoscaler")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .deleteCollection("configmaps", "alpha-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .get("configmaps", "kube-system", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("configmaps", "kube-system", "coredns-custom")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .update("configmaps", "kube-system", "coredns")
                                .code(409)
                                .build()))
                .isEmpty();
    }
}
