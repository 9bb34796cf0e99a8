package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class CronjobByOutsiderTest {

    private static final String ID = "cronjob-by-outsider";
    private final CronjobByOutsider detector = new CronjobByOutsider();

    private static NormalizedEvent createsBackupJob(Actor actor, String namespace) {
        return AuditEvents.by(actor)
                .create("cronjobs", namespace, "db-backup")
                .podSpec(spec().images("docker.io/library/alpine:3.20")
                        .serviceAccount("default")
                        .build())
                .build();
    }

    @Test
    void anIdentityOfNoTenantCreatingACronJobInATenantNamespaceIsRaised() {
        Alert alert = Detect.single(detector, createsBackupJob(DAVE, "alpha-prod"));

        assertThat(alert.detector()).isEqualTo(ID);
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) created cronjobs/db-backup in namespace alpha-prod "
                        + "of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "writer's tenants: none",
                        "runs as service account: default",
                        "workload: db-backup",
                        "images: docker.io/library/alpine:3.20");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Persistence", "T1053.007 Container Orchestration Job"));
    }

    @Test
    void anotherTenantsMemberPatchingACronJobRaisesItBesideCrossTenantWrite() {
        NormalizedEvent event = AuditEvents.by(BOB)
                .patch("cronjobs", "alpha-prod", "report-mailer")
                .podSpec(spec().images("ghcr.io/evil/mailer:latest").build())
                .build();

        assertThat(Detect.single(detector, event).evidence().details()).startsWith("writer's tenants: beta");
        assertThat(Detect.detectorsRaising(event)).contains(ID, "cross-tenant-write");
    }

    @Test
    void anAdminChangingATenantsCronJobIsRaised() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(MASTERCLIENT)
                                .update("cronjobs", "beta-prod", "nightly-export")
                                .build()))
                .hasSize(1);
    }

    @Test
    void theTenantsOwnPeopleAndPipelinesAreQuiet() {
        assertThat(Detect.with(detector, createsBackupJob(ALICE, "alpha-prod"))).isEmpty();
        assertThat(Detect.with(detector, createsBackupJob(ALPHA_DEPLOYER, "alpha")))
                .isEmpty();
        // alpha's CI service account, homed in alpha by the tenancy file
        assertThat(Detect.with(detector, createsBackupJob(CI_ALPHA_DEPLOYER, "alpha-prod")))
                .isEmpty();
    }

    @Test
    void platformIdentitiesAndPlatformNamespacesAreQuiet() {
        assertThat(Detect.with(detector, createsBackupJob(PLATFORM_GITOPS, "alpha-prod")))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        createsBackupJob(
                                Identities.serviceAccount("flux-system", "kustomize-controller"), "beta-prod")))
                .isEmpty();
        // the CronJob controller's bookkeeping
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(Identities.serviceAccount("kube-system", "cronjob-controller"))
                                .update("cronjobs", "alpha-prod", "db-backup")
                                .subresource("status")
                                .build()))
                .isEmpty();
        // cert-manager's namespace belongs to the platform; a namespace no source maps has no tenant
        assertThat(Detect.with(detector, createsBackupJob(DAVE, "cert-manager")))
                .isEmpty();
        assertThat(Detect.with(detector, createsBackupJob(DAVE, "scratch"))).isEmpty();
    }

    @Test
    void deletesAndDeniedWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .delete("cronjobs", "alpha-prod", "db-backup")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .create("cronjobs", "alpha-prod", "db-backup")
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
