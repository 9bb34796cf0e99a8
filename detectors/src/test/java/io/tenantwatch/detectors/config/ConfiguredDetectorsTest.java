package io.tenantwatch.detectors.config;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue as tuned by detectors.yaml, on realistic events. */
class ConfiguredDetectorsTest {

    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private final List<String> exceptionsApplied = new ArrayList<>();

    /** The pod-exec and cross-tenant-read alerts these tests tune; the rest of the catalogue may fire too. */
    private List<Alert> detect(String yaml, NormalizedEvent event) throws ConfigException {
        return detectAll(yaml, event).stream()
                .filter(a -> a.detector().equals("pod-exec") || a.detector().equals("cross-tenant-read"))
                .toList();
    }

    private List<Alert> detectAll(String yaml, NormalizedEvent event) throws ConfigException {
        DetectorConfig config = new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", yaml);
        ConfiguredDetectors detectors = ConfiguredDetectors.build(BuiltInDetectors.definitions(), config);
        List<Alert> alerts = new ArrayList<>();
        detectors.detect(
                new EventContext(event),
                new DetectionListener() {
                    @Override
                    public void exceptionApplied(String detectorId) {
                        exceptionsApplied.add(detectorId);
                    }
                },
                alerts::add);
        return alerts;
    }

    private static NormalizedEvent adminExec() {
        return AuditEvents.by(MASTERCLIENT).exec("alpha-prod", POD, "/bin/sh").build();
    }

    @Test
    void withNoFileTheCatalogueRunsWithItsDefaults() throws Exception {
        assertThat(detect("", adminExec()))
                .extracting(Alert::detector, Alert::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pod-exec", Severity.MEDIUM));
    }

    @Test
    void aDisabledDetectorStaysQuiet() throws Exception {
        assertThat(detect("detectors: {pod-exec: {enabled: false}}", adminExec()))
                .isEmpty();
    }

    @Test
    void aSeverityOverrideChangesTheAlert() throws Exception {
        assertThat(detect("detectors: {pod-exec: {severity: critical}}", adminExec()))
                .extracting(Alert::severity)
                .containsExactly(Severity.CRITICAL);
    }

    @Test
    void parametersReachTheDetector() throws Exception {
        NormalizedEvent ownTenantExec =
                AuditEvents.by(ALICE).exec("alpha-prod", POD, "sh").build();
        assertThat(detect("", ownTenantExec)).isEmpty();
        assertThat(detect("detectors: {pod-exec: {includeOwnTenant: true}}", ownTenantExec))
                .extracting(Alert::detector)
                .containsExactly("pod-exec");
    }

    @Test
    void anExceptionSilencesOnlyWhatItMatchesAndIsCounted() throws Exception {
        String yaml = """
                exceptions:
                  - detector: pod-exec
                    reason: the AKS local admin account is used by the on-call runbook in alpha
                    actor: masterclient
                    namespace: "alpha-*"
                """;
        assertThat(detect(yaml, adminExec())).isEmpty();
        assertThat(exceptionsApplied).containsExactly("pod-exec");
        assertThat(detectAll(yaml, adminExec()))
                .extracting(Alert::detector)
                .as("other detectors are not excepted")
                .contains("break-glass-admin");
        assertThat(detect(
                        yaml,
                        AuditEvents.by(MASTERCLIENT)
                                .exec("beta-prod", POD, "/bin/sh")
                                .build()))
                .extracting(Alert::detector)
                .containsExactly("pod-exec");
    }

    @Test
    void aTenantOverrideAppliesOnlyInThatTenantsNamespaces() throws Exception {
        String yaml = """
                tenants:
                  beta:
                    detectors:
                      pod-exec: {severity: high}
                """;
        assertThat(detect(
                        yaml,
                        AuditEvents.by(MASTERCLIENT)
                                .exec("beta-prod", POD, "sh")
                                .build()))
                .extracting(Alert::severity)
                .containsExactly(Severity.HIGH);
        assertThat(detect(yaml, adminExec())).extracting(Alert::severity).containsExactly(Severity.MEDIUM);
    }

    @Test
    void aTenantCanSwitchADetectorOffForItselfAlone() throws Exception {
        String yaml = "tenants: {beta: {detectors: {cross-tenant-read: {enabled: false}}}}";
        NormalizedEvent aliceReadsBeta =
                AuditEvents.by(ALICE).get("configmaps", "beta-prod", "settings").build();
        NormalizedEvent bobReadsAlpha =
                AuditEvents.by(BOB).get("configmaps", "alpha-prod", "settings").build();
        assertThat(detect(yaml, aliceReadsBeta)).isEmpty();
        assertThat(detect(yaml, bobReadsAlpha)).extracting(Alert::detector).containsExactly("cross-tenant-read");
    }
}
