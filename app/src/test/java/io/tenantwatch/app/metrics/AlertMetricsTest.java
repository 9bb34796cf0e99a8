package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.MinimalRecords;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A multi-cluster installation splits its alerts by cluster, with the cluster label capped. */
class AlertMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double alerts(String cluster) {
        return registry.find("tenantwatch.alerts").tag("cluster", cluster).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static Alert in(String cluster) {
        Alert a = MinimalRecords.alert("cross-tenant-read", Severity.HIGH, "alpha");
        return new Alert(
                a.schemaVersion(),
                a.id(),
                a.fingerprint(),
                a.detector(),
                a.severity(),
                a.title(),
                a.summary(),
                a.time(),
                a.firstSeen(),
                a.lastSeen(),
                cluster,
                a.tenant(),
                a.actorTenants(),
                a.namespace(),
                a.actor(),
                a.verb(),
                a.resource(),
                a.source(),
                a.evidence(),
                a.mitre());
    }

    @Test
    void alertsCarryTheirClusterAndClustersBeyondTheCapCountAsOther() {
        AlertMetrics metrics = new AlertMetrics(registry, Set.of("aks-prod"));
        long now = System.currentTimeMillis();
        metrics.alertRead(in("aks-weu"), now, 0);
        metrics.alertRead(in("aks-weu"), now, 0);
        for (int c = 0; c < BoundedLabel.MAX_CLUSTERS + 5; c++) {
            metrics.alertRead(in("posted-" + c), now, 0);
        }
        metrics.alertRead(in("aks-prod"), now, 0);

        assertThat(alerts("aks-weu")).isEqualTo(2);
        assertThat(alerts("aks-prod"))
                .as("a configured cluster keeps its name past the cap")
                .isEqualTo(1);
        assertThat(alerts("other")).isEqualTo(6);
        assertThat(registry.find("tenantwatch.alerts").counters())
                .extracting(c -> c.getId().getTag("cluster"))
                .doesNotHaveDuplicates()
                .hasSize(BoundedLabel.MAX_CLUSTERS + 2);
        assertThat(registry.get("tenantwatch.alerts")
                        .tags("detector", "cross-tenant-read", "severity", "high", "cluster", "aks-weu")
                        .counter()
                        .count())
                .isEqualTo(2);
    }
}
