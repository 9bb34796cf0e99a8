package io.tenantwatch.alerting.routes;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = load("""
            sinks:
              soc: {type: stdout}
              alpha: {type: stdout}
              alpha-pager: {type: stdout}
              beta: {type: stdout}
              platform: {type: stdout}
              fallback: {type: stdout}
            routes:
              - name: soc
                sinks: [soc]
                continue: true
              - name: alpha-critical
                match: {tenants: [alpha], minSeverity: critical}
                sinks: [alpha-pager, alpha]
              - name: alpha
                match: {tenants: [alpha], namespaces: ["alpha-*"]}
                sinks: [alpha]
              - name: beta-prod
                match: {tenants: [beta], clusters: ["aks-prod"], detectors: ["pod-*", "cross-tenant-*"], minSeverity: medium}
                sinks: [beta, soc]
              - name: platform-or-unmapped
                match: {tenants: [_platform, ""]}
                sinks: [platform]
              - name: rest
                sinks: [fallback]
            """);

    private static Routes load(String yaml) {
        return new RoutesLoader(k -> null).parse("routes.yaml", yaml, Path.of("."));
    }

    @Test
    void theFirstMatchingRouteDecidesUnlessItContinues() {
        assertThat(routes.sinksFor(alert("alpha", "alpha-web", Severity.MEDIUM, 1)))
                .containsExactly("soc", "alpha");
        assertThat(routes.sinksFor(alert("alpha", "alpha-web", Severity.CRITICAL, 1)))
                .containsExactly("soc", "alpha-pager", "alpha");
    }

    @Test
    void everyConditionMustHold() {
        // alpha, but not in an alpha-* namespace: falls through to the catch-all.
        assertThat(routes.sinksFor(alert("alpha", "shared", Severity.HIGH, 1))).containsExactly("soc", "fallback");
        assertThat(routes.sinksFor(alert("beta", "beta", Severity.MEDIUM, 1))).containsExactly("soc", "beta");
        assertThat(routes.sinksFor(alert("beta", "beta", Severity.LOW, 1))).containsExactly("soc", "fallback");
        Alert otherDetector = alert("privileged-container", "beta", "beta", Severity.HIGH, "p", null, "a1");
        assertThat(routes.sinksFor(otherDetector)).containsExactly("soc", "fallback");
    }

    @Test
    void theEmptyPatternMatchesAnAlertWithoutTenant() {
        assertThat(routes.sinksFor(alert(null, null, Severity.INFO, 1))).containsExactly("soc", "platform");
        assertThat(routes.sinksFor(alert("_platform", "kube-system", Severity.INFO, 1)))
                .containsExactly("soc", "platform");
    }

    @Test
    void anAlertMatchingNoRouteGoesNowhere() {
        Routes only = load("""
                sinks: {a: {type: stdout}}
                routes: [{match: {tenants: [alpha]}, sinks: [a]}]
                """);
        assertThat(only.sinksFor(alert("beta", "beta", Severity.CRITICAL, 1))).isEmpty();
    }
}
