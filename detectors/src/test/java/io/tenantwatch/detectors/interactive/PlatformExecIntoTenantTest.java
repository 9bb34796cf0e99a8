package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformExecIntoTenantTest {

    private static final String ID = "platform-exec-into-tenant";
    private static final String POD = "payments-api-6c9f7d8b4-k2x7q";
    private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    /** An AKS add-on's service account: trusted as platform, and cluster-wide in reach. */
    private static final Actor KONNECTIVITY = Identities.serviceAccount("kube-system", "konnectivity-agent");

    private final PlatformExecIntoTenant detector = new PlatformExecIntoTenant();

    @Test
    void anAddOnReadingATenantPodsTokenIsCriticalAndNothingElseRaisesIt() {
        NormalizedEvent exec = AuditEvents.by(KONNECTIVITY)
                .exec("beta-prod", POD, "cat", TOKEN_PATH)
                .build();

        Alert alert = Detect.single(detector, exec);

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:kube-system:konnectivity-agent (platform) exec'd into pods/" + POD
                        + " in namespace beta-prod of tenant beta: cat " + TOKEN_PATH);
        assertThat(alert.evidence().details())
                .containsExactly("indicators: service-account token", "command: cat " + TOKEN_PATH);
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Lateral Movement", "T1609 Container Administration Command"));
        // Platform actors are trusted by every other exec detector: this is the only alert.
        assertThat(Detect.detectorsRaising(exec)).containsExactly(ID);
    }

    @Test
    void anAttachOrAHarmlessCommandIsHigh() {
        Alert attach = Detect.single(
                detector, AuditEvents.by(KONNECTIVITY).attach("beta-prod", POD).build());
        Alert ls = Detect.single(
                detector,
                AuditEvents.by(KONNECTIVITY)
                        .exec("alpha-prod", POD, "ls", "/app")
                        .build());

        assertThat(attach.severity()).isEqualTo(Severity.HIGH);
        assertThat(attach.evidence().details()).isEmpty();
        assertThat(ls.severity()).isEqualTo(Severity.HIGH);
        assertThat(ls.tenant()).isEqualTo("alpha");
        assertThat(ls.evidence().details()).containsExactly("command: ls /app");
    }

    @Test
    void aServiceAccountOfAnotherPlatformNamespaceIsRaisedToo() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(Identities.serviceAccount("cert-manager", "cert-manager"))
                                .exec("beta-prod", POD, "sh")
                                .build()))
                .hasSize(1);
    }

    @Test
    void platformToolsInTheirOwnNamespacesAreQuiet() {
        List<NormalizedEvent> own = List.of(
                AuditEvents.by(KONNECTIVITY)
                        .exec("kube-system", "coredns-5d78c9869d-8xk2p", "cat", "/etc/coredns/Corefile")
                        .build(),
                AuditEvents.by(Identities.serviceAccount("cert-manager", "cert-manager"))
                        .exec("cert-manager", "cert-manager-7d9f8c6b5-abcde", "ls")
                        .build(),
                AuditEvents.by(Identities.serviceAccount("gatekeeper-system", "gatekeeper-admin"))
                        .exec("gatekeeper-system", "gatekeeper-audit-6b8f9d7c5-xyz12", "sh")
                        .build(),
                AuditEvents.by(PROMETHEUS)
                        .exec("monitoring", "prometheus-0", "promtool", "check", "config")
                        .build());
        for (NormalizedEvent event : own) {
            assertThat(Detect.with(detector, event)).as(event.requestURI()).isEmpty();
        }
    }

    @Test
    void backupHooksProxiesPeopleNodesAndDenialsAreQuiet() {
        List<NormalizedEvent> quiet = List.of(
                veleroBackupHook(),
                // Prometheus scraping a tenant pod through the API server
                AuditEvents.by(PROMETHEUS).proxy("pods", "beta-prod", POD).build(),
                AuditEvents.by(KONNECTIVITY).portForward("beta-prod", POD).build(),
                // the platform's people are pod-exec's trust decision
                AuditEvents.by(PLATFORM_GITOPS).exec("beta-prod", POD, "sh").build(),
                AuditEvents.by(NODE).exec("beta-prod", POD, "sh").build(),
                AuditEvents.by(KONNECTIVITY)
                        .exec("beta-prod", POD, "cat", TOKEN_PATH)
                        .forbidden()
                        .build(),
                // unmapped namespaces are no tenant's
                AuditEvents.by(KONNECTIVITY).exec("default", "debug", "sh").build(),
                AuditEvents.by(ALICE).exec("beta-prod", POD, "sh").build());
        for (NormalizedEvent event : quiet) {
            assertThat(Detect.with(detector, event))
                    .as(event.actor().username() + " " + event.requestURI())
                    .isEmpty();
        }
    }

    @Test
    void ignoredServiceAccountsAreConfigurable() {
        NormalizedEvent exec =
                AuditEvents.by(KONNECTIVITY).exec("beta-prod", POD, "sh").build();

        assertThat(Detect.with(
                        new PlatformExecIntoTenant(List.of("system:serviceaccount:kube-system:konnectivity-agent")),
                        exec))
                .isEmpty();
        assertThat(Detect.with(new PlatformExecIntoTenant(List.of()), veleroBackupHook()))
                .hasSize(1);
    }

    /** Velero's backup hook freezing the file system of the tenant pod it backs up; velero is a platform namespace. */
    private static NormalizedEvent veleroBackupHook() {
        NormalizedEvent hook = AuditEvents.by(Identities.serviceAccount("velero", "velero"))
                .exec("beta-prod", POD, "/sbin/fsfreeze", "--freeze", "/var/lib/data")
                .normalized();
        NormalizedEvent attributed =
                TenancyFixtures.withPlatformNamespaces("velero").attribute(hook);
        assertThat(attributed.actor().actorClass()).isEqualTo(ActorClass.PLATFORM);
        return attributed;
    }
}
