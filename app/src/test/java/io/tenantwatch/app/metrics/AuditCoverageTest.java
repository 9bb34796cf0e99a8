package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.testkit.events.MinimalRecords;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cluster whose feed lacks get and list (AKS kube-audit-admin only) shows it, per verb. */
class AuditCoverageTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final AuditCoverage coverage =
            new AuditCoverage(registry, Duration.ofMinutes(15), 2, java.util.Set.of("aks-prod"));

    private double covered(String cluster, String verb) {
        return registry.get("tenantwatch.audit.coverage")
                .tag("cluster", cluster)
                .tag("verb", verb)
                .gauge()
                .value();
    }

    private double events(String cluster, String verb) {
        return registry.get("tenantwatch.audit.events")
                .tag("cluster", cluster)
                .tag("verb", verb)
                .counter()
                .count();
    }

    @Test
    void anAdminOnlyFeedShowsWritesButNoReads() {
        coverage.attributed(MinimalRecords.audit("aks-admin-only", "create", "alpha", "alpha"));
        coverage.attributed(MinimalRecords.audit("aks-admin-only", "patch", "alpha", "alpha"));
        coverage.attributed(MinimalRecords.audit("aks-full", "get", "alpha", "alpha"));
        coverage.attributed(MinimalRecords.audit("aks-full", "list", "alpha", "alpha"));

        assertThat(covered("aks-admin-only", "create")).isEqualTo(1);
        assertThat(covered("aks-admin-only", "patch")).isEqualTo(1);
        assertThat(covered("aks-admin-only", "get"))
                .as("registered at 0, not missing")
                .isEqualTo(0);
        assertThat(covered("aks-admin-only", "list")).isEqualTo(0);
        assertThat(covered("aks-full", "get")).isEqualTo(1);
        assertThat(events("aks-full", "list")).isEqualTo(1);
    }

    @Test
    void aVerbStopsCountingAsCoveredOnceTheWindowPassesWithoutIt() {
        coverage.attributed(MinimalRecords.audit("aks-prod", "get", "alpha", "alpha"));
        clock.add(14, TimeUnit.MINUTES);
        coverage.attributed(MinimalRecords.audit("aks-prod", "create", "alpha", "alpha"));
        assertThat(covered("aks-prod", "get")).isEqualTo(1);

        clock.add(2, TimeUnit.MINUTES);
        assertThat(covered("aks-prod", "get")).as("16 minutes without a get").isEqualTo(0);
        assertThat(covered("aks-prod", "create")).isEqualTo(1);
        assertThat(events("aks-prod", "get")).as("the counter keeps its count").isEqualTo(1);
    }

    @Test
    void falcoAlertsAreNotAuditCoverageAndUnknownVerbsAreOther() {
        coverage.attributed(MinimalRecords.falco("aks-prod", "alpha", "alpha"));
        assertThat(registry.find("tenantwatch.audit.events").counters()).isEmpty();

        coverage.attributed(MinimalRecords.audit("aks-prod", "escalate", "alpha", "alpha"));
        coverage.attributed(MinimalRecords.audit("aks-prod", null, null, null));
        assertThat(events("aks-prod", "other")).isEqualTo(2);
    }

    @Test
    void theClusterLabelIsCappedToo() {
        coverage.attributed(MinimalRecords.audit("one", "get", "a", "a"));
        coverage.attributed(MinimalRecords.audit("two", "get", "a", "a"));
        coverage.attributed(MinimalRecords.audit("three", "get", "a", "a"));
        coverage.attributed(MinimalRecords.audit("four", "get", "a", "a"));

        assertThat(registry.find("tenantwatch.audit.coverage")
                        .tag("verb", "get")
                        .gauges())
                .hasSize(3);
        assertThat(events("other", "get")).isEqualTo(2);
    }

    @Test
    void aKnownClusterKeepsItsLabelWhenOtherNamesTookEveryPlaceFirst() {
        for (String squatter : new String[] {"squat-1", "squat-2", "squat-3"}) {
            coverage.attributed(MinimalRecords.audit(squatter, "get", "a", "a"));
        }
        coverage.attributed(MinimalRecords.audit("aks-prod", "get", "a", "a"));

        assertThat(events("aks-prod", "get")).isEqualTo(1);
        assertThat(events("other", "get")).isEqualTo(1);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new AuditCoverage(registry, Duration.ZERO, 2, java.util.Set.of()))
                .hasMessageContaining("window");
    }
}
