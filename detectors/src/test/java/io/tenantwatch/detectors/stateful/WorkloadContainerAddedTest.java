package io.tenantwatch.detectors.stateful;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.CI_ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.WorkloadEvents.SOCAT_SIDECAR;
import static io.tenantwatch.detectors.testing.WorkloadEvents.deploymentWrite;
import static io.tenantwatch.detectors.testing.WorkloadEvents.workloadWrite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's Deployment as CI created it, then a sidecar patched in: raised once with the added
 * image and the writer; rollouts, first sightings, GitOps syncs and platform add-ons stay quiet.
 * Every event is logged at RequestResponse, so its facts are the stored object's.
 */
class WorkloadContainerAddedTest {

    private static final String ID = "workload-container-added";
    private static final Instant T = Instant.parse("2024-05-14T09:00:00Z");
    private static final String WEB_V2 = "contoso.azurecr.io/alpha/web:1.4.3";
    private static final Actor FLUX_KUSTOMIZE = Identities.serviceAccount("flux-system", "kustomize-controller");
    private static final Actor ARGOCD = Identities.serviceAccount("argocd", "argocd-application-controller");

    @TempDir
    Path stateDir;

    /** CI creates alpha's web Deployment: one container, the web image. */
    private static NormalizedEvent ciCreatesWeb() {
        return deploymentWrite(CI_ALPHA_DEPLOYER, "create", "alpha-prod", "web", PodSpecs.WEB_IMAGE)
                .at(T)
                .normalized();
    }

    private static List<Alert> raised(TopologyRun run, NormalizedEvent... events) {
        return TopologyRun.of(ID, run.send(events));
    }

    @Test
    void aSidecarPatchedIntoARunningDeploymentRaisesOnceWithTheAddedImage() {
        NormalizedEvent sidecar = deploymentWrite(DAVE, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                .at(T.plusSeconds(3600))
                .normalized();
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            assertThat(raised(run, ciCreatesWeb())).as("first sighting").isEmpty();
            List<Alert> alerts = raised(run, sidecar);
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(alert.tenant()).isEqualTo("alpha");
            assertThat(alert.namespace()).isEqualTo("alpha-prod");
            assertThat(alert.actor().username()).isEqualTo(DAVE.username());
            assertThat(alert.verb()).isEqualTo("patch");
            assertThat(alert.resource().name()).isEqualTo("web");
            assertThat(alert.evidence().auditIds()).containsExactly(sidecar.auditId());
            assertThat(alert.summary())
                    .contains("dave@fabrikam.com")
                    .contains("added a container (" + SOCAT_SIDECAR + ") to deployments/web")
                    .contains("alpha-prod");
            assertThat(alert.evidence().details())
                    .contains("added images: " + SOCAT_SIDECAR)
                    .anyMatch(d ->
                            d.startsWith("images before: " + PodSpecs.WEB_IMAGE + " (written 2024-05-14T09:00:00Z"))
                    .contains("images now: " + PodSpecs.WEB_IMAGE + ", " + SOCAT_SIDECAR);

            // The same spec applied again changes nothing: no second alert.
            assertThat(raised(
                            run,
                            deploymentWrite(DAVE, "update", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                                    .at(T.plusSeconds(3700))
                                    .normalized()))
                    .isEmpty();
            assertThat(run.flush()).noneMatch(a -> ID.equals(a.detector()));
        }
    }

    @Test
    void aStatefulSetCronJobAndDaemonSetCountAsWellAsAnUpdate() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            for (String resource : List.of("statefulsets", "cronjobs", "daemonsets")) {
                run.send(workloadWrite(CI_ALPHA_DEPLOYER, "create", resource, "alpha-prod", "cache", PodSpecs.WEB_IMAGE)
                        .at(T)
                        .normalized());
                assertThat(raised(
                                run,
                                workloadWrite(
                                                ALICE,
                                                "update",
                                                resource,
                                                "alpha-prod",
                                                "cache",
                                                PodSpecs.WEB_IMAGE,
                                                SOCAT_SIDECAR)
                                        .at(T.plusSeconds(60))
                                        .normalized()))
                        .as(resource)
                        .hasSize(1);
            }
        }
    }

    @Test
    void kubectlSetImageFirstSightingsAndDeniedPatchesStayQuiet() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            // First write seen of a workload that already runs two containers: nothing to compare with.
            assertThat(raised(
                            run,
                            deploymentWrite(ALICE, "patch", "alpha-prod", "api", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                                    .at(T)
                                    .normalized()))
                    .isEmpty();
            run.send(ciCreatesWeb());
            // kubectl set image: the web image replaced by the next version.
            assertThat(raised(
                            run,
                            deploymentWrite(CI_ALPHA_DEPLOYER, "patch", "alpha-prod", "web", WEB_V2)
                                    .at(T.plusSeconds(60))
                                    .normalized()))
                    .isEmpty();
            // An image replaced and a container added in one write is a rollout too: not a strict superset.
            assertThat(raised(
                            run,
                            deploymentWrite(ALICE, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                                    .at(T.plusSeconds(120))
                                    .normalized()))
                    .isEmpty();
            // Refused: nothing changed, and nothing is remembered.
            assertThat(raised(
                            run,
                            deploymentWrite(
                                            DAVE,
                                            "patch",
                                            "alpha-prod",
                                            "web",
                                            PodSpecs.WEB_IMAGE,
                                            SOCAT_SIDECAR,
                                            "x:1")
                                    .forbidden()
                                    .at(T.plusSeconds(180))
                                    .normalized()))
                    .isEmpty();
            // A sidecar with an image the workload already runs adds no image.
            assertThat(raised(
                            run,
                            deploymentWrite(DAVE, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                                    .at(T.plusSeconds(240))
                                    .normalized()))
                    .isEmpty();
        }
    }

    @Test
    void gitOpsAndPlatformAddOnsStayQuietButKeepTheMemoryCurrent() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(ciCreatesWeb());
            // Flux applies a sidecar from Git into the tenant's namespace: a trusted writer.
            assertThat(raised(
                            run,
                            deploymentWrite(
                                            FLUX_KUSTOMIZE,
                                            "patch",
                                            "alpha-prod",
                                            "web",
                                            PodSpecs.WEB_IMAGE,
                                            "ghcr.io/open-telemetry/opentelemetry-collector-releases/otelcol:0.104.0")
                                    .at(T.plusSeconds(60))
                                    .normalized()))
                    .isEmpty();
            // Argo CD likewise; and Alice re-applying what Git now says adds nothing new.
            assertThat(raised(
                            run,
                            deploymentWrite(
                                            ARGOCD,
                                            "update",
                                            "alpha-prod",
                                            "web",
                                            PodSpecs.WEB_IMAGE,
                                            "ghcr.io/open-telemetry/opentelemetry-collector-releases/otelcol:0.104.0",
                                            "docker.io/envoyproxy/envoy:v1.30.2")
                                    .at(T.plusSeconds(120))
                                    .normalized(),
                            deploymentWrite(
                                            ALICE,
                                            "patch",
                                            "alpha-prod",
                                            "web",
                                            PodSpecs.WEB_IMAGE,
                                            "ghcr.io/open-telemetry/opentelemetry-collector-releases/otelcol:0.104.0",
                                            "docker.io/envoyproxy/envoy:v1.30.2")
                                    .at(T.plusSeconds(180))
                                    .normalized()))
                    .isEmpty();

            // The platform's GitOps adds Prometheus' config reloader in its own namespace.
            run.send(deploymentWrite(
                            PLATFORM_GITOPS,
                            "create",
                            "monitoring",
                            "prometheus",
                            "quay.io/prometheus/prometheus:v2.53.0")
                    .at(T)
                    .normalized());
            assertThat(raised(
                            run,
                            deploymentWrite(
                                            PLATFORM_GITOPS,
                                            "patch",
                                            "monitoring",
                                            "prometheus",
                                            "quay.io/prometheus/prometheus:v2.53.0",
                                            "quay.io/prometheus-operator/prometheus-config-reloader:v0.75.0")
                                    .at(T.plusSeconds(240))
                                    .normalized()))
                    .isEmpty();
        }
    }

    @Test
    void aDeletedWorkloadIsForgotten() {
        try (TopologyRun run = TopologyRun.defaults(stateDir)) {
            run.send(
                    ciCreatesWeb(),
                    AuditEvents.by(CI_ALPHA_DEPLOYER)
                            .delete("deployments", "alpha-prod", "web")
                            .at(T.plusSeconds(60))
                            .normalized());
            // Whatever it is now, it is not the workload that ran the one container.
            assertThat(raised(
                            run,
                            deploymentWrite(ALICE, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                                    .at(T.plusSeconds(120))
                                    .normalized()))
                    .isEmpty();
        }
    }

    @Test
    void perEventTheDetectorOnlyObservesAndOtherDetectorsSeeTheSidecarPatchAsBefore() {
        NormalizedEvent sidecar = deploymentWrite(DAVE, "patch", "alpha-prod", "web", PodSpecs.WEB_IMAGE, SOCAT_SIDECAR)
                .normalized();
        assertThat(Detect.detectorsRaising(sidecar)).doesNotContain(ID);
        assertThat(WorkloadContainerAdded.added(List.of("a", "b"), List.of("a", "c", "b")))
                .containsExactly("c");
        assertThat(WorkloadContainerAdded.added(List.of("a", "b"), List.of("a", "c")))
                .isEmpty();
    }
}
