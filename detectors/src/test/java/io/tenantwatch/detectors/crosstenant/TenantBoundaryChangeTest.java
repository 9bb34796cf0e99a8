package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Detect.withTenancy;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.testkit.events.TenancyEvents.namespace;
import static io.tenantwatch.testkit.events.TenancyEvents.withFacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantBoundaryChangeTest {

    private static final String TENANT_LABEL = "tenantwatch.io/tenant";
    private final TenantBoundaryChange detector = new TenantBoundaryChange();

    private static NormalizedEvent patch(Actor actor, String ns, Facts facts) {
        return withFacts(AuditEvents.by(actor).patch("namespaces", null, ns).build(), facts);
    }

    @Test
    void relabellingATenantsNamespaceToAnotherTenantIsRaised() {
        Alert alert = withTenancy(
                        detector,
                        patch(ALICE, "alpha-prod", namespace(Map.of(), Map.of(TENANT_LABEL, "beta"), List.of())))
                .get(0);
        assertThat(alert.detector()).isEqualTo("tenant-boundary-change");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.namespace()).isEqualTo("alpha-prod");
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary()).contains("tenant label tenantwatch.io/tenant set to beta (was tenant alpha)");
    }

    @Test
    void removingTheTenantLabelOrPodSecurityEnforcementIsRaised() {
        assertThat(withTenancy(
                        detector, patch(ALICE, "alpha-prod", namespace(Map.of(), Map.of(), List.of(TENANT_LABEL)))))
                .singleElement()
                .extracting(Alert::summary)
                .asString()
                .contains("removed");
        assertThat(withTenancy(
                        detector,
                        patch(
                                ALICE,
                                "alpha-prod",
                                namespace(Map.of(), Map.of(TenantBoundaryChange.ENFORCE, "privileged"), List.of()))))
                .singleElement()
                .extracting(Alert::summary)
                .asString()
                .contains("set to privileged");
        assertThat(withTenancy(detector, patch(ALICE, "alpha-prod", namespace(Map.of(), Map.of(), List.of("*")))))
                .hasSize(1);
    }

    @Test
    void aCapsuleOwnerReferenceToAnotherTenantIsRaised() {
        NormalizedEvent update = withFacts(
                AuditEvents.by(ALICE).update("namespaces", null, "alpha-prod").build(),
                namespace(
                        Map.of(),
                        Map.of(),
                        List.of(),
                        new Facts.OwnerRef("Tenant", "beta", "capsule.clastix.io/v1beta2", true)));
        assertThat(withTenancy(detector, update))
                .singleElement()
                .extracting(Alert::summary)
                .asString()
                .contains("Capsule owner reference set to Tenant beta");
    }

    @Test
    void creatingANamespaceForSomeoneElsesTenantIsRaised() {
        NormalizedEvent create = withFacts(
                AuditEvents.by(ALICE)
                        .create("namespaces", null, "beta-sandbox")
                        .code(201)
                        .build(),
                namespace(Map.of(TENANT_LABEL, "beta"), Map.of(), List.of()));
        assertThat(withTenancy(detector, create))
                .singleElement()
                .extracting(Alert::summary)
                .asString()
                .contains("a tenant the actor does not belong to");
    }

    @Test
    void thePlatformDoingItIsLow() {
        assertThat(withTenancy(
                        detector,
                        patch(
                                PLATFORM_GITOPS,
                                "alpha-prod",
                                namespace(Map.of(), Map.of(TENANT_LABEL, "beta"), List.of()))))
                .extracting(Alert::severity)
                .containsExactly(Severity.LOW);
    }

    @Test
    void writesThatKeepTheBoundaryStayQuiet() {
        assertThat(withTenancy(
                        detector,
                        patch(
                                ALICE,
                                "alpha-prod",
                                namespace(
                                        Map.of(),
                                        Map.of(TENANT_LABEL, "alpha", "team", "payments"),
                                        List.of("team-old")))))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(ALICE)
                                        .create("namespaces", null, "alpha-sandbox")
                                        .code(201)
                                        .build(),
                                namespace(
                                        Map.of(TENANT_LABEL, "alpha", TenantBoundaryChange.ENFORCE, "restricted"),
                                        Map.of(),
                                        List.of()))))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(PLATFORM_GITOPS)
                                        .update("namespaces", null, "kube-system")
                                        .build(),
                                namespace(Map.of(TenantBoundaryChange.ENFORCE, "privileged"), Map.of(), List.of()))))
                .isEmpty();
        assertThat(withTenancy(
                        detector,
                        withFacts(
                                AuditEvents.by(ALICE)
                                        .patch("namespaces", null, "alpha-prod")
                                        .forbidden()
                                        .build(),
                                namespace(Map.of(), Map.of(TENANT_LABEL, "beta"), List.of()))))
                .isEmpty();
    }
}
