package io.tenantwatch.detectors;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.testkit.events.PodSpecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalogue as shipped: ids, packages, specs, and what the dispatch index hands to whom. */
class BuiltInDetectorsTest {

    /**
     * The detectors that take every audit event, whatever its resource (group F's to observe it): what the
     * dispatcher hands a request for any resource. A detector joins it only when its trigger takes audit
     * events and names no resource ({@code Trigger.anyAudit()}).
     */
    private static final List<String> CROSS_TENANT = List.of(
            "cross-tenant-read",
            "cross-tenant-write",
            "cross-tenant-secret-access",
            "cross-tenant-exec",
            "cross-tenant-denied",
            "cross-tenant-impersonation",
            "privileged-impersonation",
            "anonymous-access",
            "break-glass-admin",
            "credential-from-outside",
            "unmapped-namespace",
            "tenancy-conflict",
            "forbidden-burst",
            "repeated-denied-access",
            "denied-by-unknown-identity",
            "first-seen-access",
            "runtime-then-api",
            "token-reuse");

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");

    private final List<Detector> detectors = BuiltInDetectors.all();
    private final DetectorRegistry registry = DetectorRegistry.builtIn();

    @Test
    void theCatalogueHoldsTheImplementedDetectors() {
        // ids are a contract: the registered ones are the published ones, in catalogue order (group F's
        // observe events here and alert from the topology)
        List<String> published = PublishedCatalogue.ids();
        assertThat(BuiltInDetectors.definitions())
                .extracting(DetectorDefinition::id)
                .as(PublishedCatalogue.hint("the ids of BuiltInDetectors.definitions()"))
                .containsExactlyElementsOf(published);
        assertThat(detectors).extracting(Detector::id).containsExactlyElementsOf(published);
        assertThat(registry.detectors()).hasSameSizeAs(detectors);
    }

    @Test
    void everyDetectorClassDeclaresTheDefinitionTheCatalogueRegisters() throws ReflectiveOperationException {
        for (DetectorDefinition definition : BuiltInDetectors.definitions()) {
            Detector detector = definition.withDefaults();
            assertThat(detector.spec()).as(definition.id()).isSameAs(definition.spec());
            assertThat(detector.getClass().getField("DEFINITION").get(null))
                    .as(definition.id())
                    .isSameAs(definition);
        }
    }

    @Test
    void theGroupListsFollowEachOtherInCatalogueOrder() {
        // a definition added to the wrong group's list would land among another group's ids
        assertThat(BuiltInDetectors.definitions())
                .extracting(d -> d.spec().group())
                .isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void everyDetectorHasItsOwnTest() {
        for (Detector detector : detectors) {
            String test = detector.getClass().getName() + "Test";
            assertThatCode(() -> Class.forName(test))
                    .as(detector.id() + " needs " + test)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyIdIsUniqueAndIsItsClassNameInKebabCase() {
        assertThat(detectors).extracting(Detector::id).doesNotHaveDuplicates();
        for (Detector detector : detectors) {
            assertThat(detector.id())
                    .as(detector.getClass().getName())
                    .isEqualTo(kebab(detector.getClass().getSimpleName()));
        }
    }

    @Test
    void everyDetectorLivesInThePackageOfItsGroup() {
        for (Detector detector : detectors) {
            assertThat(detector.getClass().getPackageName())
                    .as(detector.id())
                    .isEqualTo("io.tenantwatch.detectors."
                            + detector.spec().group().packageName());
        }
    }

    @Test
    void everySpecHasASeverityATitleAndAMitreMapping() {
        for (Detector detector : detectors) {
            DetectorSpec spec = detector.spec();
            assertThat(spec.severity()).as(spec.id()).isNotNull();
            assertThat(spec.title()).as(spec.id()).isNotBlank();
            assertThat(spec.mitre().tactic()).as(spec.id()).isNotBlank();
            if (spec.mitre().technique() != null) {
                assertThat(spec.mitre().technique()).as(spec.id()).matches(TECHNIQUE);
            }
        }
    }

    @Test
    void aConfigMapReadMeetsOnlyTheDetectorsThatTakeAnyResourceOrConfigMaps() {
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "beta-prod", "settings")
                                .build()))
                .containsExactlyInAnyOrderElementsOf(
                        concat(CROSS_TENANT, List.of("coredns-modified", "configmap-credentials")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void podEventsReachThePodDetectors() {
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(MASTERCLIENT)
                                .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                                .build()))
                .containsAll(CROSS_TENANT)
                .contains("pod-exec", "privileged-container")
                .doesNotContain("falco-runtime");
    }

    @Test
    void aDeploymentWriteReachesThePodSpecDetectorsButNotPodExec() {
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "web")
                                .podSpec(PodSpecs.unprivileged(null))
                                .build()))
                .contains("privileged-container")
                .doesNotContain("pod-exec", "falco-runtime");
    }

    @Test
    void aFalcoAlertMeetsOnlyTheRuntimeDetectorAndTheNamespaceCheck() {
        assertThat(Detect.examinedBy(
                        registry,
                        FalcoEvents.terminalShell("alpha-prod", "web-7d4b9c8f5-x2x9q")
                                .build()))
                .containsExactlyInAnyOrder("unmapped-namespace", "falco-runtime", "runtime-then-api");
    }

    @Test
    void aNonResourceRequestMeetsTheAnyResourceDetectorsAndRaisesNothing() {
        NormalizedEvent healthz =
                AuditEvents.by(ALICE).get("configmaps", null, null).build();
        NormalizedEvent nonResource = new NormalizedEvent(
                healthz.id(),
                healthz.source(),
                healthz.cluster(),
                null,
                healthz.time(),
                healthz.auditId(),
                healthz.stage(),
                healthz.actor(),
                "get",
                new ResourceRef(null, null, null, null, null),
                "/healthz",
                "allow",
                200,
                healthz.sourceIPs(),
                healthz.userAgent(),
                healthz.annotations(),
                null,
                null,
                null,
                healthz.actorTenants(),
                null);
        List<String> raised = new ArrayList<>();

        assertThat(Detect.examinedBy(registry, nonResource)).containsExactlyInAnyOrderElementsOf(CROSS_TENANT);
        registry.detect(new EventContext(nonResource), DetectionListener.NONE, a -> raised.add(a.detector()));
        assertThat(raised).isEmpty();
    }

    private static String kebab(String className) {
        return className.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
