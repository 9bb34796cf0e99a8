package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class BreakGlassAdminTest {

    private static final String ID = "break-glass-admin";

    @Test
    void theLocalAdminAccountIsRaisedAsNotTiedToAPerson() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(MASTERCLIENT)
                        .delete("networkpolicies", "beta-prod", "default-deny")
                        .apiGroup("networking.k8s.io")
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.summary())
                .isEqualTo(
                        "masterclient (admin) deleted networkpolicies/default-deny in namespace beta-prod of tenant beta");
        assertThat(alert.evidence().details())
                .startsWith("admin: the AKS local admin account (a shared certificate in "
                        + "system:masters): not tied to a person; find who ran az aks get-credentials --admin");
        assertThat(alert.evidence().count()).isEqualTo(1);
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1078 Valid Accounts"));
    }

    @Test
    void everyRequestOfOneAdminIsOneFindingForAlertGrouping() {
        Alert first = Detect.single(
                ID, RbacEvents.by(MASTERCLIENT).list("secrets", "beta-prod").build());
        Alert second = Detect.single(
                ID,
                RbacEvents.by(MASTERCLIENT)
                        .get("nodes", null, "aks-nodepool1-38290378-vmss000000")
                        .build());
        Alert third = Detect.single(
                ID, RbacEvents.by(MASTERCLIENT).nonResource("get", "/metrics").build());
        Alert otherAdmin = Detect.single(
                ID, RbacEvents.by(CAROL_ADMIN).list("secrets", "beta-prod").build());

        assertThat(first.fingerprint())
                .isEqualTo(AlertKeys.hash(ID, TenancyFixtures.CLUSTER, null, "masterclient", null, null, null, null))
                .isEqualTo(second.fingerprint())
                .isEqualTo(third.fingerprint())
                .isNotEqualTo(otherAdmin.fingerprint());
        assertThat(first.id()).isNotEqualTo(second.id()).isNotEqualTo(third.id());
        assertThat(third.summary()).isEqualTo("masterclient (admin) requested GET /metrics");
    }

    @Test
    void theTenancyFileAdminsAreRaisedByNameAndByGroup() {
        Actor inAdminGroup = Identities.user(
                "frank@contoso.com", "4d3c2b1a-0f9e-4e8d-8c7b-6a5f4e3d2c1b", TenancyFixtures.AKS_CLUSTER_ADMINS);

        Alert carol = Detect.single(
                ID,
                RbacEvents.by(CAROL_ADMIN)
                        .patch("deployments", "alpha-prod", "web")
                        .build());
        Alert frank = Detect.single(
                ID,
                RbacEvents.by(inAdminGroup)
                        .get("configmaps", "kube-system", "coredns")
                        .build());

        assertThat(carol.summary())
                .isEqualTo(
                        "carol.admin@contoso.com (admin) patched deployments/web in namespace alpha-prod of tenant alpha");
        assertThat(carol.evidence().details())
                .startsWith("admin: listed among the tenancy file's admins (users or groups)");
        assertThat(frank.summary()).endsWith("read configmaps/coredns in platform namespace kube-system");
    }

    @Test
    void theCorpusClusterAdminUserIsRaisedAsASystemMastersMember() {
        Alert alert = Detect.single(ID, RbacEvents.createClusterRole().build());

        assertThat(alert.evidence().details())
                .startsWith("admin: member of system:masters: unrestricted, RBAC is not consulted");
    }

    @Test
    void platformMastersAnonymousAndOrdinaryIdentitiesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AKS_SERVICE)
                                .list("secrets", "kube-system")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(ID, RbacEvents.anonymousCreatesNamespaceFoo().build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.by(ALICE).list("secrets", "alpha-prod").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.by(DAVE).list("secrets", "alpha-prod").build()))
                .isEmpty();
    }

    @Test
    void refusedOrFailedRequestsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(CAROL_ADMIN)
                                .list("secrets", "alpha-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT)
                                .get("pods", "alpha-prod", "gone")
                                .code(404)
                                .build()))
                .isEmpty();
    }
}
