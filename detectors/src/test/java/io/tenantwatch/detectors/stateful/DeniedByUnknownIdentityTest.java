package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals of identities that no tenancy source knows: an internet scanner on a public API server
 * (no credentials), an Entra guest, a workload in a namespace the tenancy file forgot.
 */
class DeniedByUnknownIdentityTest {

    private static final String ID = "denied-by-unknown-identity";
    private static final String SCANNER_IP = "45.148.10.92";
    private static final Instant FROM = Instant.parse("2024-05-14T09:07:00Z");
    /** A service account of the namespace {@code scratch}, which no tenancy source maps. */
    private static final io.tenantwatch.schemas.Actor UNMAPPED_RUNNER = Identities.serviceAccount("scratch", "runner");

    @TempDir
    Path stateDir;

    private static NormalizedEvent denied(AuditEvents.Builder request, Instant at) {
        return request.forbidden()
                .sourceIp(SCANNER_IP)
                .userAgent("Go-http-client/1.1")
                .at(at)
                .normalized();
    }

    /** What a scanner asks an API server it found on the internet, refused each time. */
    static List<NormalizedEvent> scan(Instant from) {
        List<AuditEvents.Builder> requests = List.of(
                AuditEvents.by(RbacEvents.ANONYMOUS).list("secrets", null),
                AuditEvents.by(RbacEvents.ANONYMOUS).list("pods", null),
                AuditEvents.by(RbacEvents.ANONYMOUS).nonResource("get", "/api/v1/namespaces/kube-system/secrets"),
                AuditEvents.by(RbacEvents.ANONYMOUS).list("secrets", null),
                AuditEvents.by(RbacEvents.ANONYMOUS).nonResource("get", "/.env"));
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            events.add(denied(requests.get(i), from.plusSeconds(40L * i)));
        }
        return events;
    }

    @Test
    void anAnonymousScannerIsOneAlertAnHourListingWhatItTried() {
        List<NormalizedEvent> scan = scan(FROM);
        List<NormalizedEvent> later = scan(FROM.plusSeconds(1800));
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(scan);
            run.send(later);
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.LOW);
            assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ANONYMOUS);
            assertThat(alert.evidence().count()).isEqualTo(10);
            assertThat(alert.time()).isEqualTo(Instant.parse("2024-05-14T10:00:00Z"));
            assertThat(alert.evidence().sourceIPs()).containsExactly(SCANNER_IP);
            assertThat(alert.evidence().userAgent()).isEqualTo("Go-http-client/1.1");
            assertThat(alert.id())
                    .isEqualTo(AlertKeys.alertId(
                            ID,
                            TenancyFixtures.CLUSTER,
                            "system:anonymous\u001F" + Instant.parse("2024-05-14T09:00:00Z")));
            assertThat(alert.fingerprint())
                    .isEqualTo(AlertKeys.hash(
                            ID, TenancyFixtures.CLUSTER, null, "system:anonymous", null, null, null, null));
            assertThat(alert.summary())
                    .isEqualTo(
                            "system:anonymous (anonymous), which has no tenant, was denied 10 requests on 4 targets "
                                    + "within 1h (/api/v1/secrets, /api/v1/pods, /api/v1/namespaces/kube-system/secrets and 1 more)");
            assertThat(alert.evidence().details())
                    .containsExactly(
                            "denied targets: /api/v1/secrets, /api/v1/pods, /api/v1/namespaces/kube-system/secrets, /.env",
                            "window: 2024-05-14T09:00:00Z to 2024-05-14T10:00:00Z");
            assertThat(alert.namespace()).isNull();
        }
    }

    @Test
    void oneDenialOfAnEntraGuestNoTenantKnowsIsRaisedWhereCrossTenantDeniedIsNot() {
        NormalizedEvent guest = denied(AuditEvents.by(DAVE).list("pods", "alpha-prod"), FROM);
        assertThat(Detect.detectorsRaising(guest)).doesNotContain("cross-tenant-denied");
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(guest);
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).summary())
                    .isEqualTo(
                            "dave@fabrikam.com (unattributed), which has no tenant, was denied 1 request on 1 target "
                                    + "within 1h (/api/v1/namespaces/alpha-prod/pods)");
            assertThat(alerts.get(0).namespace()).isEqualTo("alpha-prod");
            assertThat(alerts.get(0).tenant()).isEqualTo("alpha");
        }
    }

    @Test
    void aServiceAccountOfAnUnmappedNamespaceIsAnUnknownIdentity() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(denied(AuditEvents.by(UNMAPPED_RUNNER).get("secrets", "beta-prod", "payments-db"), FROM));
            List<Alert> alerts = TopologyRun.of(ID, run.flush());

            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).actor().username()).isEqualTo("system:serviceaccount:scratch:runner");
            assertThat(alerts.get(0).actorTenants()).isEmpty();
        }
    }

    @Test
    void knownIdentitiesBootstrapTokensHealthProbesAndAllowedRequestsStayQuiet() {
        List<NormalizedEvent> events = new ArrayList<>();
        Instant t = FROM;
        // Platform: a kubelet before its pod is bound, controllers and tools before their RBAC exists.
        events.add(denied(AuditEvents.by(Identities.NODE).get("secrets", "alpha-prod", "registry-credentials"), t));
        events.add(denied(AuditEvents.by(Identities.REPLICASET_CONTROLLER).list("pods", "alpha-prod"), t));
        events.add(denied(
                AuditEvents.by(ControlPlaneEvents.CERT_MANAGER_CAINJECTOR)
                        .get("secrets", "cert-manager", "cert-manager-webhook-ca"),
                t));
        events.add(
                denied(AuditEvents.by(ControlPlaneEvents.FLUX_KUSTOMIZE).patch("deployments", "alpha-prod", "web"), t));
        events.add(denied(AuditEvents.by(Identities.PROMETHEUS).nonResource("get", "/metrics"), t));
        events.add(denied(AuditEvents.by(Identities.PLATFORM_GITOPS).list("nodes", null), t));
        // A tenant member and an admin: the other denial detectors judge them.
        events.add(denied(AuditEvents.by(ALICE).get("secrets", "beta-prod", "payments-db"), t));
        events.add(denied(AuditEvents.by(Identities.CAROL_ADMIN).delete("namespaces", null, "alpha-prod"), t));
        // A kubelet's bootstrap token, and a load balancer probing the health endpoint.
        events.add(denied(
                AuditEvents.by(RbacEvents.BOOTSTRAP_TOKEN).get("nodes", null, "aks-nodepool1-38290378-vmss000003"), t));
        events.add(denied(AuditEvents.by(RbacEvents.ANONYMOUS).nonResource("get", "/readyz?verbose"), t));
        // Allowed, and failed without a refusal.
        events.add(AuditEvents.by(RbacEvents.ANONYMOUS)
                .nonResource("get", "/version")
                .at(t)
                .normalized());
        events.add(AuditEvents.by(DAVE)
                .get("pods", "alpha-prod", "web-0")
                .code(404)
                .at(t)
                .normalized());
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(events);
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }

    @Test
    void theThresholdAndTheIgnoredIdentitiesAreTunedInDetectorsYaml() {
        String yaml = """
                detectors:
                  denied-by-unknown-identity:
                    minDenials: 6
                    ignoredIdentities: ["system:bootstrap:*", "system:serviceaccount:scratch:*"]
                """;
        try (TopologyRun run = TopologyRun.configured(yaml, stateDir)) {
            run.send(scan(FROM));
            run.send(denied(
                    AuditEvents.by(UNMAPPED_RUNNER).get("secrets", "beta-prod", "payments-db"), FROM.plusSeconds(300)));
            assertThat(TopologyRun.of(ID, run.flush())).isEmpty();
        }
    }
}
