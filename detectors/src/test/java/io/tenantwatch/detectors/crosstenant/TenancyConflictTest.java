package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.testkit.events.TenancyEvents.namespace;
import static io.tenantwatch.testkit.events.TenancyEvents.withFacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenancyConflictTest {

    private final TenancyConflict detector = new TenancyConflict();

    private List<Alert> detect(NormalizedEvent event, Attributor tenancy) {
        List<Alert> alerts = new ArrayList<>();
        detector.examine(new EventContext(tenancy.attribute(event), tenancy), alerts::add);
        return alerts;
    }

    @Test
    void overlappingGlobsOfTwoTenantsAreReportedWithTheWinner() {
        Attributor overlapping = new Attributor(
                new StaticTenancy(new TenancyConfig(
                        null,
                        List.of(
                                new TenancyConfig.Tenant("alpha", List.of("alpha-*"), null, null, null, null),
                                new TenancyConfig.Tenant("payments", List.of("*-prod"), null, null, null, null)),
                        null,
                        null)),
                ClusterTenancy.NONE);
        List<Alert> alerts = detect(
                AuditEvents.by(PLATFORM_GITOPS)
                        .get("configmaps", "alpha-prod", "x")
                        .build(),
                overlapping);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("tenancy-conflict");
            assertThat(alert.summary())
                    .contains("alpha (alpha-*), payments (*-prod)")
                    .contains("attributes it to alpha");
        });
        assertThat(detector.oncePer()).hasDays(1);
        assertThat(detect(
                        AuditEvents.by(PLATFORM_GITOPS)
                                .get("configmaps", "alpha-dev", "x")
                                .build(),
                        overlapping))
                .isEmpty();
    }

    @Test
    void aTenantLabelAndACapsuleOwnerThatDisagreeAreReported() {
        NormalizedEvent update = withFacts(
                AuditEvents.by(PLATFORM_GITOPS)
                        .update("namespaces", null, "alpha-prod")
                        .build(),
                namespace(
                        Map.of("capsule.clastix.io/tenant", "alpha"),
                        Map.of(),
                        List.of(),
                        new Facts.OwnerRef("Tenant", "beta", "capsule.clastix.io/v1beta2", true)));
        assertThat(Detect.withTenancy(detector, update))
                .singleElement()
                .extracting(Alert::summary)
                .asString()
                .contains("Capsule owner Tenant beta vs labels {capsule.clastix.io/tenant=alpha}");
    }

    @Test
    void agreeingSourcesStayQuiet() {
        NormalizedEvent update = withFacts(
                AuditEvents.by(PLATFORM_GITOPS)
                        .update("namespaces", null, "alpha-prod")
                        .build(),
                namespace(
                        Map.of("capsule.clastix.io/tenant", "alpha", "tenantwatch.io/tenant", "alpha"),
                        Map.of(),
                        List.of(),
                        new Facts.OwnerRef("Tenant", "alpha", "capsule.clastix.io/v1beta2", true)));
        assertThat(Detect.withTenancy(detector, update)).isEmpty();
    }
}
