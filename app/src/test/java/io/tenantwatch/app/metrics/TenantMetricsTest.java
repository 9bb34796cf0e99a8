package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.MinimalRecords;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tenant label stays bounded however many tenants the traffic names, and nothing is lost. */
class TenantMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern TENANT = Pattern.compile("tenant=\"([^\"]*)\"");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void fiveThousandTenantsBecomeTheCapPlusOtherAndEveryEventIsCounted() {
        TenantMetrics metrics = new TenantMetrics(registry, 20, BuiltInDetectors.definitions(), Set.of("aks-prod"));
        int tenants = 5_000;
        for (int round = 0; round < 3; round++) {
            for (int t = 0; t < tenants; t++) {
                metrics.attributed(MinimalRecords.audit("aks-prod", "get", "ns-" + t, "tenant-" + t));
            }
        }
        metrics.attributed(MinimalRecords.audit("aks-prod", "get", "kube-system", "_platform"));
        metrics.attributed(MinimalRecords.audit("aks-prod", "get", "orphan", null));
        metrics.attributed(MinimalRecords.falco("aks-prod", "ns-1", "tenant-1"));
        metrics.alert(MinimalRecords.alert("cross-tenant-read", Severity.MEDIUM, "tenant-4999"));
        metrics.alert(MinimalRecords.alert("privileged-container", Severity.HIGH, "tenant-3"));
        metrics.alert(MinimalRecords.alert("prod-configmap-deleted", Severity.HIGH, "tenant-3"));

        String scrape = registry.scrape();
        Map<String, Set<String>> tenantsByMetric = new HashMap<>();
        Map<String, Double> auditEventsByTenant = new HashMap<>();
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            Matcher tenant = TENANT.matcher(sample.group(2));
            if (tenant.find()) {
                tenantsByMetric
                        .computeIfAbsent(sample.group(1), k -> new HashSet<>())
                        .add(tenant.group(1));
                if (sample.group(1).equals("tenantwatch_tenant_events_total")
                        && sample.group(2).contains("source=\"k8s-audit\"")) {
                    auditEventsByTenant.merge(tenant.group(1), Double.parseDouble(sample.group(3)), Double::sum);
                }
            }
        }
        assertThat(tenantsByMetric)
                .containsKeys(
                        "tenantwatch_tenant_events_total",
                        "tenantwatch_tenant_alerts_total",
                        "tenantwatch_tenant_alerts_by_group_total");
        tenantsByMetric.forEach(
                (metric, values) -> assertThat(values).as(metric).hasSizeLessThanOrEqualTo(20 + 3));
        assertThat(tenantsByMetric.get("tenantwatch_tenant_events_total"))
                .hasSize(23)
                .contains("tenant-0", "tenant-19", "other", "_platform", "none")
                .doesNotContain("tenant-20");

        assertThat(auditEventsByTenant.get("tenant-0")).isEqualTo(3.0);
        assertThat(auditEventsByTenant.get("other")).isEqualTo(3.0 * (tenants - 20));
        assertThat(auditEventsByTenant.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .as("every event counted once, named or not")
                .isEqualTo(3.0 * tenants + 2);

        assertThat(scrape)
                .contains(
                        "tenantwatch_tenant_events_total{cluster=\"aks-prod\",source=\"falco\",tenant=\"tenant-1\"} 1.0")
                .contains(
                        "tenantwatch_tenant_alerts_total{cluster=\"aks-prod\",severity=\"medium\",tenant=\"other\"} 1.0")
                .contains(
                        "tenantwatch_tenant_alerts_by_group_total{cluster=\"aks-prod\",group=\"cross-tenant\",tenant=\"other\"} 1.0")
                .contains(
                        "tenantwatch_tenant_alerts_by_group_total{cluster=\"aks-prod\",group=\"workload\",tenant=\"tenant-3\"} 1.0")
                .contains(
                        "tenantwatch_tenant_alerts_by_group_total{cluster=\"aks-prod\",group=\"custom\",tenant=\"tenant-3\"} 1.0");
    }

    @Test
    void noLabelNamesAUserPodNamespaceOrAddress() {
        TenantMetrics metrics = new TenantMetrics(
                registry, TenantMetrics.DEFAULT_MAX_TENANTS, BuiltInDetectors.definitions(), Set.of());
        metrics.attributed(MinimalRecords.audit("aks-prod", "get", "alpha-web", "alpha"));
        metrics.alert(MinimalRecords.alert("pod-exec", Severity.MEDIUM, "alpha"));

        assertThat(registry.scrape())
                .doesNotContain("alice@contoso.com", "alpha-web", "10.0.0.1", "user=", "pod=", "namespace=");
    }

    @Test
    void theSameTenantInTwoClustersIsTwoSeriesAndClustersBeyondTheCapAreOther() {
        TenantMetrics metrics = new TenantMetrics(registry, 20, BuiltInDetectors.definitions(), Set.of("aks-prod"));
        metrics.attributed(MinimalRecords.audit("aks-weu", "get", "alpha", "alpha"));
        for (int c = 0; c < BoundedLabel.MAX_CLUSTERS + 10; c++) {
            metrics.attributed(MinimalRecords.audit("posted-" + c, "get", "alpha", "alpha"));
        }
        metrics.attributed(MinimalRecords.audit("aks-prod", "get", "alpha", "alpha"));

        Set<String> clusters = new HashSet<>();
        Matcher sample = SAMPLE.matcher(registry.scrape());
        while (sample.find()) {
            if (sample.group(1).equals("tenantwatch_tenant_events_total")) {
                Matcher cluster = Pattern.compile("cluster=\"([^\"]*)\"").matcher(sample.group(2));
                assertThat(cluster.find()).as(sample.group()).isTrue();
                clusters.add(cluster.group(1));
            }
        }
        assertThat(clusters)
                .as("the cap, plus other, plus the configured cluster that came last")
                .hasSize(BoundedLabel.MAX_CLUSTERS + 2)
                .contains("aks-weu", "aks-prod", "other")
                .doesNotContain("posted-" + (BoundedLabel.MAX_CLUSTERS - 1));
        assertThat(registry.scrape())
                .contains(
                        "tenantwatch_tenant_events_total{cluster=\"aks-prod\",source=\"k8s-audit\",tenant=\"alpha\"} 1.0")
                .contains(
                        "tenantwatch_tenant_events_total{cluster=\"other\",source=\"k8s-audit\",tenant=\"alpha\"} 11.0");
    }
}
