package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import java.util.List;

/**
 * Group B of the catalogue (docs/detectors.md, "Privileged workloads") for
 * {@link io.tenantwatch.detectors.BuiltInDetectors} to register, in catalogue order, with the
 * parameters operators tune. Every group B detector shares {@link #IGNORE_PLATFORM}: AKS add-ons
 * in platform namespaces run privileged by design.
 */
public final class WorkloadDetectors {

    public static final ParamSpec IGNORE_PLATFORM = ParamSpec.bool("ignorePlatformInPlatformNamespaces", true,
            "Ignore writes by platform identities in platform namespaces (AKS add-ons run privileged by design).");
    public static final ParamSpec SENSITIVE_PATHS = ParamSpec.stringList("paths", SensitiveHostMount.DEFAULT_PATHS,
            "hostPath paths that are sensitive at or under them.");
    public static final ParamSpec CAPABILITIES = ParamSpec.stringList("capabilities", DangerousCapabilities.DEFAULT_CAPABILITIES,
            "Added capabilities that raise.");
    public static final ParamSpec SYSTEM_NAMESPACES = ParamSpec.stringList("namespaces",
            WorkloadInSystemNamespace.DEFAULT_SYSTEM_NAMESPACES,
            "System namespaces besides the platform namespaces of the tenancy.");
    public static final ParamSpec IMAGES = ParamSpec.stringList("images", SuspiciousImage.DEFAULT_IMAGES,
            "Image name globs (miners, attack tools).");
    public static final ParamSpec ALLOWED_REGISTRIES = ParamSpec.stringList("allowedRegistries",
            UntrustedRegistry.DEFAULT_ALLOWED_REGISTRIES, "Registries images may come from; off while empty.");

    private WorkloadDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                new DetectorDefinition(PrivilegedContainer.SPEC, List.of(IGNORE_PLATFORM),
                        p -> new PrivilegedContainer(p.bool(IGNORE_PLATFORM))),
                new DetectorDefinition(SensitiveHostMount.SPEC, List.of(SENSITIVE_PATHS, IGNORE_PLATFORM),
                        p -> new SensitiveHostMount(p.stringList(SENSITIVE_PATHS), p.bool(IGNORE_PLATFORM))),
                new DetectorDefinition(HostNamespaceSharing.SPEC, List.of(IGNORE_PLATFORM),
                        p -> new HostNamespaceSharing(p.bool(IGNORE_PLATFORM))),
                new DetectorDefinition(DangerousCapabilities.SPEC, List.of(CAPABILITIES, IGNORE_PLATFORM),
                        p -> new DangerousCapabilities(p.stringList(CAPABILITIES), p.bool(IGNORE_PLATFORM))),
                new DetectorDefinition(WorkloadInSystemNamespace.SPEC, List.of(SYSTEM_NAMESPACES),
                        p -> new WorkloadInSystemNamespace(p.stringList(SYSTEM_NAMESPACES))),
                new DetectorDefinition(SuspiciousImage.SPEC, List.of(IMAGES, IGNORE_PLATFORM),
                        p -> new SuspiciousImage(p.stringList(IMAGES), p.bool(IGNORE_PLATFORM))),
                new DetectorDefinition(UntrustedRegistry.SPEC, List.of(ALLOWED_REGISTRIES, IGNORE_PLATFORM),
                        p -> new UntrustedRegistry(p.stringList(ALLOWED_REGISTRIES), p.bool(IGNORE_PLATFORM))));
    }

    /** Each with its catalogue defaults. */
    public static List<Detector> all() {
        return definitions().stream().map(d -> d.factory().apply(Params.defaults())).toList();
    }
}
