package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.DEPLOYMENT_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.testkit.events.PodSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadRootTest {

    @Test
    void aPodOfADeploymentsReplicaSetBelongsToTheDeployment() {
        assertThat(WorkloadRoot.of(AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-7d4b9c8f5")
                        .podSpec(PodSpecs.unprivileged("7d4b9c8f5"))
                        .build()))
                .isEqualTo("web");
    }

    @Test
    void aPodWhoseHashDoesNotMatchItsReplicaSetBelongsToTheReplicaSet() {
        assertThat(WorkloadRoot.of(AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "default", null)
                        .ownedBy("ReplicaSet", "nginx-deployment-5cdcc99dbf")
                        .podSpec(PodSpecs.unprivileged("1787755869"))
                        .build()))
                .isEqualTo("nginx-deployment-5cdcc99dbf");
        assertThat(WorkloadRoot.of(AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "default", null)
                        .ownedBy("ReplicaSet", "standalone")
                        .podSpec(PodSpecs.unprivileged(null))
                        .build()))
                .isEqualTo("standalone");
    }

    @Test
    void podsOfOtherControllersBelongToTheirOwner() {
        assertThat(WorkloadRoot.of(AuditEvents.by(Identities.serviceAccount("kube-system", "statefulset-controller"))
                        .create("pods", "beta-prod", "postgres-0")
                        .ownedBy("StatefulSet", "postgres")
                        .build()))
                .isEqualTo("postgres");
        assertThat(WorkloadRoot.of(AuditEvents.by(Identities.serviceAccount("kube-system", "job-controller"))
                        .create("pods", "beta-prod", null)
                        .ownedBy("Job", "nightly-report-28593720")
                        .build()))
                .isEqualTo("nightly-report-28593720");
    }

    @Test
    void aReplicaSetOfADeploymentBelongsToTheDeployment() {
        assertThat(WorkloadRoot.of(AuditEvents.by(DEPLOYMENT_CONTROLLER)
                        .create("replicasets", "alpha-prod", "web-7d4b9c8f5")
                        .ownedBy("Deployment", "web")
                        .build()))
                .isEqualTo("web");
    }

    @Test
    void anythingElseIsItsOwnRoot() {
        assertThat(WorkloadRoot.of(AuditEvents.by(Identities.ALICE)
                        .create("deployments", "alpha-prod", "web")
                        .build()))
                .isEqualTo("web");
        assertThat(WorkloadRoot.of(AuditEvents.by(Identities.ALICE)
                        .create("pods", "alpha-prod", "toolbox")
                        .build()))
                .isEqualTo("toolbox");
        assertThat(WorkloadRoot.of(AuditEvents.by(Identities.ALICE)
                        .create("jobs", "alpha-prod", "migrate")
                        .ownedBy("CronJob", "migrations")
                        .build()))
                .isEqualTo("migrate");
    }

    @Test
    void theControllingOwnerWins() {
        Facts facts = new Facts(
                PodSpecs.unprivileged(null),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(
                        new Facts.OwnerRef("ConfigMap", "bootstrap", "v1", false),
                        new Facts.OwnerRef("StatefulSet", "kafka", "apps/v1", true)));
        NormalizedEvent event = new NormalizedEvent(
                "a",
                NormalizedEvent.SOURCE_AUDIT,
                "c",
                null,
                null,
                "a",
                null,
                null,
                "create",
                new ResourceRef("", "pods", null, "beta-prod", "kafka-0"),
                null,
                null,
                201,
                null,
                null,
                null,
                facts,
                null,
                null,
                null,
                null);

        assertThat(WorkloadRoot.of(event)).isEqualTo("kafka");
    }

    @Test
    void theHashSuffixIsRemovedOnlyAfterADash() {
        assertThat(WorkloadRoot.withoutHashSuffix("web-7d4b9c8f5", "7d4b9c8f5")).isEqualTo("web");
        assertThat(WorkloadRoot.withoutHashSuffix("web7d4b9c8f5", "7d4b9c8f5")).isEqualTo("web7d4b9c8f5");
        assertThat(WorkloadRoot.withoutHashSuffix("7d4b9c8f5", "7d4b9c8f5")).isEqualTo("7d4b9c8f5");
        assertThat(WorkloadRoot.withoutHashSuffix("-7d4b9c8f5", "7d4b9c8f5")).isEqualTo("-7d4b9c8f5");
        assertThat(WorkloadRoot.withoutHashSuffix("web-7d4b9c8f5", "")).isEqualTo("web-7d4b9c8f5");
    }
}
