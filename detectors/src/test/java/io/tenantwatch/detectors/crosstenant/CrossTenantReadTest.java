package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.ERIN;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossTenantReadTest {

    private final CrossTenantRead detector = new CrossTenantRead();

    @Test
    void aTenantMemberReadingAnotherTenantsConfigMapIsRaised() {
        NormalizedEvent event = AuditEvents.by(ALICE)
                .get("configmaps", "beta-prod", "settings")
                .reason("RBAC: allowed by RoleBinding \"all-devs-view/beta-prod\" of ClusterRole \"view\" to Group \""
                        + TenancyFixtures.ALPHA_DEVELOPERS + "\"")
                .build();

        Alert alert = Detect.single(detector, event);

        assertThat(alert.detector()).isEqualTo("cross-tenant-read");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.title()).isEqualTo("Cross-tenant read");
        assertThat(alert.cluster()).isEqualTo(TenancyFixtures.CLUSTER);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(alert.namespace()).isEqualTo("beta-prod");
        assertThat(alert.actor().username()).isEqualTo("alice@contoso.com");
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.TENANT_MEMBER);
        assertThat(alert.verb()).isEqualTo("get");
        assertThat(alert.resource().resource()).isEqualTo("configmaps");
        assertThat(alert.resource().name()).isEqualTo("settings");
        assertThat(alert.summary())
                .isEqualTo(
                        "alice@contoso.com (tenant alpha) read configmaps/settings in namespace beta-prod of tenant beta");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Discovery", "T1613 Container and Resource Discovery"));
        assertThat(alert.evidence().auditIds()).containsExactly(event.auditId());
        assertThat(alert.evidence().requestURI()).isEqualTo("/api/v1/namespaces/beta-prod/configmaps/settings");
        assertThat(alert.evidence().details())
                .contains(
                        "actor tenants: alpha",
                        "target tenant: beta",
                        "authorization: RBAC: allowed by RoleBinding \"all-devs-view/beta-prod\" of ClusterRole \"view\" to Group \""
                                + TenancyFixtures.ALPHA_DEVELOPERS + "\"");
    }

    @Test
    void theSameRequestGivesTheSameAlertAndARepeatTheSameFingerprint() {
        AuditEvents.Builder read = AuditEvents.by(ALICE).get("configmaps", "beta-prod", "settings");
        Alert first = Detect.single(detector, read.build());
        Alert again = Detect.single(detector, read.build());
        Alert repeat = Detect.single(
                detector, read.auditId("0b6d1c5e-93a4-4f7e-bd1a-5c2e8f7a9d3b").build());

        assertThat(again).isEqualTo(first);
        assertThat(repeat.id()).isNotEqualTo(first.id());
        assertThat(repeat.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void listsAndWatchesByATenantServiceAccountAreReadsToo() {
        Alert list = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER).list("pods", "beta-staging").build());
        Alert watch = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .request("watch", "services", "beta-prod", null)
                        .build());

        assertThat(list.summary())
                .isEqualTo(
                        "system:serviceaccount:alpha:deployer (tenant alpha) listed pods in namespace beta-staging of tenant beta");
        assertThat(list.actor().username()).isEqualTo("system:serviceaccount:alpha:deployer");
        assertThat(watch.summary()).contains("watched services in namespace beta-prod");
    }

    @Test
    void anImpersonatedReadNamesBothIdentities() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(Identities.impersonating(ALICE, "eve@contoso.com"))
                        .get("configmaps", "beta-prod", "settings")
                        .build());

        assertThat(alert.summary())
                .startsWith("alice@contoso.com (tenant alpha, impersonated by eve@contoso.com) read");
        assertThat(alert.actor().impersonatedBy()).isEqualTo("eve@contoso.com");
    }

    @Test
    void readingTheOwnTenantIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "alpha-prod", "settings")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "alpha", "settings")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector, AuditEvents.by(BOB).list("pods", "beta-prod").build()))
                .isEmpty();
    }

    @Test
    void aMemberOfBothTenantsIsNotCrossingABoundary() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ERIN)
                                .get("configmaps", "beta-prod", "settings")
                                .build()))
                .isEmpty();
    }

    @Test
    void platformAdminAndUnattributedActorsAreNeverCrossTenant() {
        List<NormalizedEvent> events = List.of(
                AuditEvents.by(PROMETHEUS).list("pods", "beta-prod").build(),
                AuditEvents.by(CAROL_ADMIN)
                        .get("configmaps", "beta-prod", "settings")
                        .build(),
                AuditEvents.by(DAVE).get("configmaps", "beta-prod", "settings").build());

        assertThat(events)
                .extracting(e -> e.actor().actorClass())
                .containsExactly(ActorClass.PLATFORM, ActorClass.ADMIN, ActorClass.UNATTRIBUTED);
        events.forEach(e -> assertThat(Detect.with(detector, e)).isEmpty());
    }

    @Test
    void platformAndUnmappedNamespacesBelongToNoTenant() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "kube-system", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "default", "settings")
                                .build()))
                .isEmpty();
    }

    @Test
    void onlyAllowedRequestsAreReads() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "beta-prod", "settings")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "beta-prod", "missing")
                                .code(404)
                                .build()))
                .isEmpty();
    }

    @Test
    void secretsAreNotPlainReads() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("secrets", "beta-prod", "db-credentials")
                                .build()))
                .isEmpty();
    }
}
