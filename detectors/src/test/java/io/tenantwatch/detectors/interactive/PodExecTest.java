package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CAROL_ADMIN;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodExecTest {

    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private final PodExec detector = new PodExec();

    @Test
    void theLocalAdminExecingIntoATenantPodIsRaisedWithTheCommand() {
        NormalizedEvent event = AuditEvents.by(MASTERCLIENT)
                .exec("alpha-prod", POD, "/bin/sh", "-c", "env | grep DB_")
                .build();

        Alert alert = Detect.single(detector, event);

        assertThat(alert.detector()).isEqualTo("pod-exec");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.namespace()).isEqualTo("alpha-prod");
        assertThat(alert.actor().username()).isEqualTo("masterclient");
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) exec'd into pods/" + POD
                        + " in namespace alpha-prod of tenant alpha: /bin/sh -c env | grep DB_");
        assertThat(alert.evidence().details()).containsExactly("command: /bin/sh -c env | grep DB_");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/api/v1/namespaces/alpha-prod/pods/" + POD + "/exec?command=%2Fbin%2Fsh&command=-c"
                        + "&command=env+%7C+grep+DB_&container=web&stdin=true&stdout=true&tty=true");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1609 Container Administration Command"));
        assertThat(Detect.single(detector, event)).isEqualTo(alert);
    }

    @Test
    void theCorpusExecAndAttachByAClusterAdminInAnUnmappedNamespaceAreRaised() {
        // exec_pod.json and attach_pod.json: minikube-user in system:masters, namespace default
        Actor minikubeUser = new Actor(
                "minikube-user",
                null,
                List.of("system:masters", "system:authenticated"),
                null,
                null,
                ActorType.USER,
                null,
                null,
                null,
                null);
        Alert exec = Detect.single(
                detector,
                AuditEvents.by(minikubeUser)
                        .exec("default", "nginx-deployment-7998647bdf-phvq7", "bash")
                        .auditId("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6")
                        .build());
        Alert attach = Detect.single(
                detector,
                AuditEvents.by(minikubeUser)
                        .attach("default", "nginx-deployment-7998647bdf-phvq7")
                        .auditId("14933b4e-7b09-4964-af09-b7987367e1ba")
                        .build());

        assertThat(exec.tenant()).isNull();
        assertThat(exec.summary())
                .isEqualTo("minikube-user (admin) exec'd into pods/nginx-deployment-7998647bdf-phvq7"
                        + " in namespace default (no tenant): bash");
        assertThat(attach.summary())
                .isEqualTo("minikube-user (admin) attached to pods/nginx-deployment-7998647bdf-phvq7"
                        + " in namespace default (no tenant)");
        assertThat(attach.evidence().details()).isEmpty();
        assertThat(attach.fingerprint()).isNotEqualTo(exec.fingerprint());
    }

    @Test
    void execIntoAPlatformNamespaceIsCritical() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .exec("kube-system", "coredns-5d78c9869d-kx4qz", "sh")
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.summary())
                .contains("(tenant alpha) exec'd into pods/coredns-5d78c9869d-kx4qz in platform namespace kube-system");
    }

    @Test
    void unattributedAndAdminIdentitiesAreRaisedForWebSocketExecToo() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .exec("beta-prod", POD, "id")
                                .verb("get")
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(CAROL_ADMIN).attach("beta-prod", POD).build()))
                .hasSize(1);
    }

    @Test
    void aTenantMemberInItsOwnTenantIsQuietUnlessIncluded() {
        NormalizedEvent ownTenant =
                AuditEvents.by(ALICE).exec("alpha-dev", POD, "sh").build();

        assertThat(Detect.with(detector, ownTenant)).isEmpty();
        Alert included = Detect.single(new PodExec(true), ownTenant);
        assertThat(included.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(included.summary()).startsWith("alice@contoso.com (tenant alpha) exec'd into pods/" + POD);
    }

    @Test
    void aTenantMemberInAnUnmappedNamespaceIsRaised() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(Identities.ALPHA_DEPLOYER)
                                .exec("default", POD, "sh")
                                .build()))
                .hasSize(1);
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .exec("kube-system", "konnectivity-agent-7f8c9", "sh")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .exec("alpha-prod", POD, "sh")
                                .build()))
                .isEmpty();
    }

    @Test
    void aCrossTenantExecIsLeftToCrossTenantExec() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE).exec("beta-prod", POD, "sh").build()))
                .isEmpty();
        assertThat(Detect.with(
                        new PodExec(true),
                        AuditEvents.by(ALICE).exec("beta-prod", POD, "sh").build()))
                .isEmpty();
    }

    @Test
    void refusedExecAndOtherSubresourcesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(MASTERCLIENT)
                                .exec("alpha-prod", POD, "sh")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(MASTERCLIENT)
                                .portForward("alpha-prod", POD)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(MASTERCLIENT)
                                .get("pods", "alpha-prod", POD)
                                .subresource("log")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(MASTERCLIENT)
                                .get("pods", "alpha-prod", POD)
                                .build()))
                .isEmpty();
    }

    @Test
    void aTokenInTheCommandIsRedacted() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(DAVE)
                        .exec(
                                "alpha-prod",
                                POD,
                                "curl",
                                "-H",
                                "Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl",
                                "https://kubernetes.default.svc/api")
                        .build());

        assertThat(alert.summary()).doesNotContain("eyJ").contains("Authorization: Bearer [redacted]");
        assertThat(alert.evidence().details()).allSatisfy(d -> assertThat(d).doesNotContain("eyJ"));
        assertThat(alert.evidence().requestURI()).doesNotContain("eyJ").contains("command=curl");
    }
}
