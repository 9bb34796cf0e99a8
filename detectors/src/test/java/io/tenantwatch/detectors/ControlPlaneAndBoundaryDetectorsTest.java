package io.tenantwatch.detectors;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.controlplane.ControlPlaneDetectors;
import io.tenantwatch.detectors.crosstenant.ClusterWideSecretList;
import io.tenantwatch.detectors.crosstenant.NetworkIsolationRemoved;
import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Group E and the stateless boundary detectors of group A, as the lead will register them. */
class ControlPlaneAndBoundaryDetectorsTest {

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");
    /** The stateless group A detectors that guard the tenant boundary itself rather than classify one request across it. */
    private static final List<DetectorDefinition> BOUNDARY =
            List.of(NetworkIsolationRemoved.DEFINITION, ClusterWideSecretList.DEFINITION);

    private final List<Detector> controlPlane = Detect.withDefaults(ControlPlaneDetectors.DEFINITIONS);
    private final List<Detector> boundary = Detect.withDefaults(BOUNDARY);
    /** The ids of group E and of {@link #BOUNDARY}. */
    private final List<String> ourIds = all().stream().map(Detector::id).toList();

    @Test
    void theListsHoldTheCatalogueEntriesWithTheirDefaultSeverities() {
        PublishedCatalogue.assertPublishedAs(DetectorGroup.CONTROL_PLANE, ControlPlaneDetectors.DEFINITIONS);
        assertThat(boundary)
                .extracting(Detector::id)
                .containsExactly("network-isolation-removed", "cluster-wide-secret-list");
        assertThat(PublishedCatalogue.rowsOf(BOUNDARY))
                .as(PublishedCatalogue.hint("the boundary detectors"))
                .isSubsetOf(PublishedCatalogue.rows(DetectorGroup.CROSS_TENANT));
    }

    @Test
    void theDefinitionsBuildTheSameDetectors() {
        assertThat(ControlPlaneDetectors.DEFINITIONS)
                .extracting(d -> d.spec())
                .containsExactlyElementsOf(
                        controlPlane.stream().map(Detector::spec).toList());
        assertThat(BOUNDARY)
                .extracting(d -> d.spec())
                .containsExactlyElementsOf(boundary.stream().map(Detector::spec).toList());
    }

    @Test
    void theGroupsAreRightAndEveryMitreTechniqueIsFull() {
        // id = class name, package of the group, title and tactic: BuiltInDetectorsTest, for the whole catalogue
        for (Detector detector : controlPlane) {
            assertThat(detector.spec().group()).as(detector.id()).isEqualTo(DetectorGroup.CONTROL_PLANE);
        }
        for (Detector detector : boundary) {
            assertThat(detector.spec().group()).as(detector.id()).isEqualTo(DetectorGroup.CROSS_TENANT);
        }
        for (Detector detector : all()) {
            assertThat(detector.spec().mitre().technique()).as(detector.id()).matches(TECHNIQUE);
        }
    }

    @Test
    void noneTakesEveryResourceOrFalcoAlerts() {
        for (Detector detector : all()) {
            assertThat(detector.trigger().resources()).as(detector.id()).isNotEmpty();
            assertThat(detector.trigger().sources()).as(detector.id()).containsExactly("k8s-audit");
        }
    }

    @Test
    void theyRegisterBesideTheBuiltInCatalogue() {
        // before the lead registers them, no built-in detector uses their ids; after, it is the same class
        for (Detector builtIn : BuiltInDetectors.all()) {
            for (Detector detector : all()) {
                if (builtIn.id().equals(detector.id())) {
                    assertThat(builtIn.getClass()).as(detector.id()).isEqualTo(detector.getClass());
                }
            }
        }
        assertThat(Detect.BUILT_IN.detectors()).containsKeys(ourIds.toArray(String[]::new));
    }

    @Test
    void aConfigMapWriteMeetsOnlyTheConfigMapDetectors() {
        NormalizedEvent write = ControlPlaneEvents.by(ALICE)
                .update("configmaps", "alpha-prod", "settings")
                .build();

        assertThat(ours(Detect.examinedBy(write)))
                .containsExactlyInAnyOrder("coredns-modified", "configmap-credentials");
    }

    @Test
    void eachResourceMeetsItsOwnDetectors() {
        assertThat(oursExamining("services")).containsExactly("service-exposed");
        assertThat(oursExamining("events")).containsExactly("events-deleted");
        assertThat(oursExamining("networkpolicies")).containsExactly("network-isolation-removed");
        assertThat(oursExamining("secrets")).containsExactly("cluster-wide-secret-list");
        assertThat(oursExamining("validatingwebhookconfigurations")).containsExactly("admission-webhook-modified");
        assertThat(oursExamining("deployments")).containsExactly("pod-security-violation");
        assertThat(oursExamining("pods")).containsExactly("pod-security-violation");
        assertThat(oursExamining("namespaces")).isEmpty();
    }

    @Test
    void aFalcoAlertMeetsNoneOfThem() {
        assertThat(ours(Detect.examinedBy(FalcoEvents.terminalShell("alpha-prod", "web-7d4b9c8f5-x2x9q")
                        .build())))
                .isEmpty();
    }

    private List<String> oursExamining(String resource) {
        return ours(Detect.examinedBy(
                ControlPlaneEvents.by(ALICE).update(resource, "alpha-prod", "x").build()));
    }

    /** The ids among group E and {@link #BOUNDARY}, so that detectors of the other groups do not matter here. */
    private List<String> ours(List<String> ids) {
        return ids.stream().filter(ourIds::contains).toList();
    }

    private List<Detector> all() {
        List<Detector> all = new ArrayList<>(controlPlane);
        all.addAll(boundary);
        return all;
    }
}
