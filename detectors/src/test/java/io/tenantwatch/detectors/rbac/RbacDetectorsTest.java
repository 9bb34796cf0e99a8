package io.tenantwatch.detectors.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Group D as the lead registers it: ids, severities, specs, triggers, and its place in the catalogue. */
class RbacDetectorsTest {

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");
    private static final List<String> ANY_RESOURCE =
            List.of("privileged-impersonation", "anonymous-access", "break-glass-admin", "credential-from-outside");

    private final List<Detector> detectors = Detect.withDefaults(RbacDetectors.DEFINITIONS);

    @Test
    void theGroupHoldsTheCatalogueRowsWithTheirDefaultSeverities() {
        PublishedCatalogue.assertPublishedAs(DetectorGroup.RBAC, RbacDetectors.DEFINITIONS);
    }

    @Test
    void everyDetectorIsInGroupDWithAFullMitreTechnique() {
        // id = class name, package, title and tactic: BuiltInDetectorsTest, for the whole catalogue
        for (Detector detector : detectors) {
            assertThat(detector.spec().group()).as(detector.id()).isEqualTo(DetectorGroup.RBAC);
            assertThat(detector.spec().mitre().technique()).as(detector.id()).matches(TECHNIQUE);
        }
    }

    @Test
    void theGroupJoinsTheBuiltInCatalogueWithoutAClash() {
        // a built-in detector may carry a group D id only once the lead has registered group D itself
        for (Detector builtIn : BuiltInDetectors.all()) {
            if (GroupD.IDS.contains(builtIn.id())) {
                assertThat(builtIn.getClass().getPackageName())
                        .as(builtIn.id())
                        .isEqualTo("io.tenantwatch.detectors.rbac");
            }
        }
        assertThat(Detect.BUILT_IN.detectors().keySet()).containsAll(GroupD.IDS);
    }

    @Test
    void onlyTheIdentityDetectorsTakeEveryAuditResourceAndNoneTakesFalco() {
        for (Detector detector : detectors) {
            assertThat(detector.trigger().sources()).as(detector.id()).containsExactly(NormalizedEvent.SOURCE_AUDIT);
            if (ANY_RESOURCE.contains(detector.id())) {
                assertThat(detector.trigger().resources()).as(detector.id()).isEmpty();
            } else {
                assertThat(detector.trigger().resources()).as(detector.id()).isNotEmpty();
            }
        }
    }

    @Test
    void aRoleWriteMeetsTheRoleDetectorsAndAConfigMapReadMeetsOnlyTheIdentityOnes() {
        DetectorRegistry groupD = new DetectorRegistry(detectors);
        assertThat(Detect.examinedBy(
                        groupD,
                        RbacEvents.by(Identities.ALICE)
                                .create("clusterroles", null, "reader")
                                .build()))
                .contains("wildcard-role", "sensitive-role", "system-role-modified")
                .doesNotContain("cluster-admin-binding", "token-request", "csr-activity", "access-review-by-workload");
        assertThat(Detect.examinedBy(
                        groupD,
                        RbacEvents.by(Identities.ALICE)
                                .get("configmaps", "alpha-prod", "settings")
                                .build()))
                .containsExactlyInAnyOrderElementsOf(ANY_RESOURCE);
    }
}
