package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Detect.withTenancy;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.testkit.events.TenancyEvents.roleBinding;
import static io.tenantwatch.testkit.events.TenancyEvents.withFacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CrossTenantBindingTest {

    private final CrossTenantBinding detector = new CrossTenantBinding();

    private static NormalizedEvent binding(String namespace, Facts facts) {
        return withFacts(
                AuditEvents.by(ALICE)
                        .create("rolebindings", namespace, "edit-for-friends")
                        .code(201)
                        .build(),
                facts);
    }

    @Test
    void grantingAnotherTenantsServiceAccountARoleInYourNamespaceIsRaised() {
        Alert alert = withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding(
                                        "ClusterRole",
                                        "edit",
                                        new Facts.Subject("ServiceAccount", "deployer", "beta-ci"))))
                .get(0);
        assertThat(alert.detector()).isEqualTo("cross-tenant-binding");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .contains("granting ClusterRole edit to ServiceAccount beta-ci/deployer (tenant beta)");
        assertThat(alert.evidence().details())
                .contains("foreign subject: ServiceAccount beta-ci/deployer (tenant beta)");
    }

    @Test
    void anotherTenantsPeopleAndNamespaceGroupsAreForeignToo() {
        assertThat(withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding("Role", "reader", new Facts.Subject("User", "bob@contoso.com", null)))))
                .hasSize(1);
        assertThat(withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding(
                                        "Role",
                                        "reader",
                                        new Facts.Subject("Group", TenancyFixtures.BETA_DEVELOPERS, null)))))
                .hasSize(1);
        assertThat(withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding(
                                        "Role",
                                        "reader",
                                        new Facts.Subject("Group", "system:serviceaccounts:beta-prod", null)))))
                .hasSize(1);
    }

    @Test
    void bindingsWithinTheTenantOrToUnknownSubjectsStayQuiet() {
        assertThat(withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding(
                                        "ClusterRole",
                                        "edit",
                                        new Facts.Subject("ServiceAccount", "deployer", "alpha-ci"),
                                        new Facts.Subject("User", "alice@contoso.com", null),
                                        new Facts.Subject("Group", TenancyFixtures.ALPHA_DEVELOPERS, null),
                                        new Facts.Subject("User", "contractor@fabrikam.com", null)))))
                .isEmpty();
        // The platform's own service accounts are nobody's tenant.
        assertThat(withTenancy(
                        detector,
                        binding(
                                "alpha-prod",
                                roleBinding(
                                        "ClusterRole",
                                        "view",
                                        new Facts.Subject("ServiceAccount", "prometheus", "monitoring")))))
                .isEmpty();
    }

    @Test
    void platformNamespacesFailedWritesAndClusterBindingsStayQuiet() {
        Facts foreign = roleBinding("ClusterRole", "edit", new Facts.Subject("ServiceAccount", "deployer", "beta-ci"));
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(PLATFORM_GITOPS)
                                        .create("rolebindings", "monitoring", "x")
                                        .code(201)
                                        .build(),
                                foreign)))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(ALICE)
                                        .create("rolebindings", "alpha-prod", "x")
                                        .forbidden()
                                        .build(),
                                foreign)))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(ALICE)
                                        .create("clusterrolebindings", null, "x")
                                        .code(201)
                                        .build(),
                                foreign)))
                .isEmpty();
    }
}
