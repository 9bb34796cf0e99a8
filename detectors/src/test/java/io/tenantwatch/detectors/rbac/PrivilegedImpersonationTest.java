package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.impersonating;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedImpersonationTest {

    private static final String ID = "privileged-impersonation";
    private static final String EVE = "eve@contoso.com";
    /** {@code kubectl --as=admin-user --as-group=system:masters}: the user name is free, the group is the power. */
    private static final Actor AS_MASTERS = impersonating(Identities.user("admin-user", null, "system:masters"), EVE);

    @Test
    void actingAsSystemMastersIsRaisedNamingBothIdentities() {
        Alert alert = Detect.single(
                ID, RbacEvents.by(AS_MASTERS).list("secrets", "beta-prod").build());

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.actor().username()).isEqualTo("admin-user");
        assertThat(alert.actor().impersonatedBy()).isEqualTo(EVE);
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.summary())
                .isEqualTo(
                        "eve@contoso.com acted as admin-user (group system:masters) and listed secrets in namespace beta-prod of tenant beta");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "impersonator: eve@contoso.com",
                        "impersonated user: admin-user",
                        "impersonated groups: system:masters, system:authenticated",
                        "privileged: group system:masters: unrestricted, RBAC is not consulted",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"admin-user-binding\" of ClusterRole \"tenant-operator\" "
                                + "to User \"admin-user\"");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1078 Valid Accounts"));
    }

    @Test
    void actingAsANodeIsRaisedThoughANodeIsAPlatformIdentity() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(impersonating(NODE, "alice@contoso.com"))
                        .get("secrets", "beta-prod", "payments-db")
                        .build());

        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.PLATFORM);
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com acted as system:node:aks-nodepool1-38290378-vmss000000 "
                        + "(a node) and read secrets/payments-db in namespace beta-prod of tenant beta");
        assertThat(alert.evidence().details())
                .contains("privileged: node identity: the kubelet's access to the Secrets, pods "
                        + "and volumes of node aks-nodepool1-38290378-vmss000000");
    }

    @Test
    void actingAsAKubeSystemServiceAccountIsRaised() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(impersonating(REPLICASET_CONTROLLER, EVE))
                        .create("pods", "beta-prod", "debug")
                        .build());

        assertThat(alert.summary())
                .startsWith("eve@contoso.com acted as system:serviceaccount:kube-system:replicaset-controller "
                        + "(a kube-system service account) and created pods/debug");
    }

    @Test
    void actingAsAnAdminOfTheTenancyFileOrTheLocalAccountIsRaised() {
        Alert carol = Detect.single(
                ID,
                RbacEvents.by(impersonating(CAROL_ADMIN, EVE))
                        .list("nodes", null)
                        .build());
        Alert local = Detect.single(
                ID,
                RbacEvents.by(impersonating(MASTERCLIENT, EVE))
                        .list("nodes", null)
                        .build());

        assertThat(carol.summary())
                .isEqualTo("eve@contoso.com acted as carol.admin@contoso.com (an admin) and listed nodes");
        assertThat(carol.evidence().details())
                .contains("privileged: admin: listed among the tenancy file's admins (users or groups)");
        // masterclient is in system:masters: the group says it all
        assertThat(local.summary())
                .startsWith("eve@contoso.com acted as masterclient (group system:masters) and listed nodes");
    }

    @Test
    void impersonatingAnUnprivilegedIdentityIsQuiet() {
        // a tenant developer checking what the tenant's deployer may do
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(impersonating(ALPHA_DEPLOYER, "alice@contoso.com"))
                                .list("deployments", "alpha-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(impersonating(Identities.BOB, "carol.admin@contoso.com"))
                                .list("pods", "beta-prod")
                                .build()))
                .isEmpty();
    }

    @Test
    void privilegedIdentitiesActingAsThemselvesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(MASTERCLIENT).list("secrets", "beta-prod").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(NODE)
                                .get("secrets", "beta-prod", "payments-db")
                                .build()))
                .isEmpty();
    }

    @Test
    void aDeniedOrFailedImpersonationIsNoPrivilegeGained() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AS_MASTERS)
                                .list("secrets", "beta-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(AS_MASTERS)
                                .get("secrets", "beta-prod", "gone")
                                .code(404)
                                .build()))
                .isEmpty();
    }

    @Test
    void aTrustedImpersonatorIsQuiet() {
        NormalizedEvent viaProxy = RbacEvents.by(
                        impersonating(CAROL_ADMIN, "system:serviceaccount:auth-proxy:kube-oidc-proxy"))
                .list("pods", "alpha-prod")
                .build();

        assertThat(Detect.with(
                        new PrivilegedImpersonation(List.of("system:serviceaccount:auth-proxy:kube-oidc-proxy")),
                        viaProxy))
                .isEmpty();
        assertThat(Detect.with(new PrivilegedImpersonation(), viaProxy)).hasSize(1);
    }

    @Test
    void aPrivilegedImpersonationOfAnAdminAlsoCountsAsBreakGlass() {
        assertThat(Detect.detectorsRaising(
                        GroupD.IDS,
                        RbacEvents.by(AS_MASTERS).list("secrets", "beta-prod").build()))
                .containsExactlyInAnyOrder(ID, "break-glass-admin");
    }
}
