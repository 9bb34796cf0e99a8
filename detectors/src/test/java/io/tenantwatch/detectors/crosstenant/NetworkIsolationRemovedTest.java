package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.ControlPlaneEvents.FLUX_KUSTOMIZE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.NetworkEvents.DEFAULT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.NetworkEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class NetworkIsolationRemovedTest {

    private static final String ID = "network-isolation-removed";

    @Test
    void deletingTheDefaultDenyPolicyOfATenantNamespaceIsRaised() {
        Alert alert = Detect.single(
                ID, NetworkEvents.defaultDenyDeleted(ALICE, "alpha-prod").build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.namespace()).isEqualTo("alpha-prod");
        assertThat(alert.resource())
                .isEqualTo(new Alert.AlertResource("networking.k8s.io", "networkpolicies", null, DEFAULT_DENY));
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) deleted networkpolicies/" + DEFAULT_DENY
                        + " in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "change: NetworkPolicy removed",
                        "actor tenants: alpha",
                        "target tenant: alpha",
                        "authorization: RBAC: allowed by RoleBinding \"networkpolicies-access/alpha-prod\" "
                                + "of ClusterRole \"edit\" to User \"alice@contoso.com\"");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/apis/networking.k8s.io/v1/namespaces/alpha-prod/networkpolicies/" + DEFAULT_DENY);
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Defense Evasion", "T1562.007 Disable or Modify Cloud Firewall"));
    }

    @Test
    void creatingTheDefaultDenyPolicyIsQuiet() {
        assertThat(Detect.detectorsRaising(
                        NetworkEvents.defaultDenyCreated(ALICE, "alpha-prod").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, NetworkEvents.defaultDenyCreated(DAVE, "beta-prod").build()))
                .isEmpty();
    }

    @Test
    void turningTheDefaultDenyIntoAllowAllIsRaised() {
        Alert alert = Detect.single(
                ID,
                NetworkEvents.defaultDenyTurnedAllowAll(ALPHA_DEPLOYER, "alpha-prod")
                        .build());

        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:alpha:deployer (tenant alpha) patched networkpolicies/" + DEFAULT_DENY
                                + " in namespace alpha-prod of tenant alpha so that it allows ingress from anywhere to every pod");
        assertThat(alert.evidence().details())
                .startsWith("change: NetworkPolicy now selects every pod and admits ingress from any source");
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .update("networkpolicies", "alpha-prod", DEFAULT_DENY)
                                .networkPolicy(true, true)
                                .build()))
                .hasSize(1);
    }

    @Test
    void changesThatKeepASelectorOrSourcesAreQuiet() {
        // allow-all ingress, but only to the pods the selector picks
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("networkpolicies", "alpha-prod", "allow-web")
                                .networkPolicy(false, true)
                                .build()))
                .isEmpty();
        // every pod, but ingress only from the listed sources
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .update("networkpolicies", "alpha-prod", DEFAULT_DENY)
                                .networkPolicy(true, false)
                                .build()))
                .isEmpty();
        // Metadata-level audit: nothing to judge
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("networkpolicies", "alpha-prod", DEFAULT_DENY)
                                .build()))
                .isEmpty();
    }

    @Test
    void deletingEveryPolicyOfANamespaceIsRaised() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(BOB)
                        .deleteCollection("networkpolicies", "beta-prod")
                        .build());

        assertThat(alert.summary())
                .isEqualTo(
                        "bob@contoso.com (tenant beta) deleted all networkpolicies in namespace beta-prod of tenant beta");
        assertThat(alert.evidence().details()).startsWith("change: every NetworkPolicy of the namespace removed");
    }

    @Test
    void anotherTenantRemovingTheIsolationIsAlsoACrossTenantWrite() {
        Alert alert = Detect.single(
                ID, NetworkEvents.defaultDenyDeleted(ALICE, "beta-prod").build());

        assertThat(alert.evidence().details()).contains("actor tenants: alpha", "target tenant: beta");
        assertThat(Detect.detectorsRaising(
                        NetworkEvents.defaultDenyDeleted(ALICE, "beta-prod").build()))
                .containsExactlyInAnyOrder(ID, "cross-tenant-write");
    }

    @Test
    void adminsAndUnattributedIdentitiesAreRaised() {
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(MASTERCLIENT, "alpha-prod")
                                .build()))
                .hasSize(1);
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(DAVE, "beta-staging").build()))
                .hasSize(1);
    }

    @Test
    void platformIdentitiesAndNamespacesWithoutATenantAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(PLATFORM_GITOPS, "alpha-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyTurnedAllowAll(FLUX_KUSTOMIZE, "beta-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, NetworkEvents.defaultDenyDeleted(DAVE, "default").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(DAVE, "kube-system").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(MASTERCLIENT, "monitoring")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedAndFailedDeletesAndOtherPolicyKindsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(ALICE, "beta-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(ALICE, "alpha-prod")
                                .code(404)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.defaultDenyDeleted(ALICE, "alpha-prod")
                                .apiGroup("crd.projectcalico.org")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .get("networkpolicies", "alpha-prod", DEFAULT_DENY)
                                .build()))
                .isEmpty();
    }
}
