package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code untrusted-registry}: a pod or pod template is created, updated or patched with an image
 * whose registry is not on the allowed list: the run-time twin of an admission policy that pins
 * registries (Azure Policy's "allowed container images", a Gatekeeper or Kyverno rule), for
 * clusters that have none or to catch what slipped past one (an exempted namespace, a policy in
 * audit mode).
 *
 * <p>Why it matters: a registry is a supply chain. Images from the organization's own registry are
 * built, scanned and signed; an image pulled from Docker Hub or a stranger's registry runs code
 * nobody reviewed, with the tenant's service account and network reach.
 *
 * <p>Off while the list is empty, the default: there is no sensible global default, so the
 * detector raises nothing until an operator names the registries (per-tenant lists come with
 * tenant overrides). Entries are case-insensitive registry hosts, with an optional port and shell
 * globs ({@code contoso.azurecr.io}, {@code *.azurecr.io}, {@code mcr.microsoft.com},
 * {@code localhost:5000}, {@code docker.io}); an entry with a path trusts that part of a registry
 * only ({@code docker.io/library} for the official Docker Hub images). The registry is read as
 * Docker reads it ({@link ImageReference}): {@code nginx} and {@code bitnami/redis} are on
 * {@code docker.io}.
 *
 * <p>Raises once per write, naming every untrusted image; the fingerprint names the workload root.
 * Raises on any writer, controllers included. Does not fire for: images from allowed registries,
 * reads, denied or failed writes, subresource writes other than ephemeral containers, and — unless
 * constructed otherwise — platform identities writing in platform namespaces.
 */
public final class UntrustedRegistry extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "untrusted-registry",
            DetectorGroup.WORKLOAD,
            Severity.MEDIUM,
            "Execution",
            "T1610 Deploy Container",
            "Image from an untrusted registry");

    /** Off by default: no registry is trusted until an operator lists some. */
    public static final List<String> DEFAULT_ALLOWED_REGISTRIES = List.of();

    static final ParamSpec ALLOWED_REGISTRIES = ParamSpec.stringList(
            "allowedRegistries", DEFAULT_ALLOWED_REGISTRIES, "Registries images may come from; off while empty.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(ALLOWED_REGISTRIES, IGNORE_PLATFORM),
            p -> new UntrustedRegistry(p.stringList(ALLOWED_REGISTRIES), p.bool(IGNORE_PLATFORM)));

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";

    /** An allowed entry: the registry (or registry/path) glob, and for a path entry everything under it. */
    private record Entry(Glob exact, Glob under) {
        boolean allows(ImageReference image) {
            return under == null
                    ? exact.matches(image.registry())
                    : exact.matches(image.qualifiedRepository()) || under.matches(image.qualifiedRepository());
        }
    }

    private final List<String> allowed;
    private final List<Entry> entries;

    /** The catalogue default: an empty list, so the detector is off. */
    public UntrustedRegistry() {
        this(DEFAULT_ALLOWED_REGISTRIES, true);
    }

    public UntrustedRegistry(List<String> allowedRegistries) {
        this(allowedRegistries, true);
    }

    /** @throws IllegalArgumentException for an entry that is empty or not a valid glob */
    public UntrustedRegistry(List<String> allowedRegistries, boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
        List<String> written = new ArrayList<>(allowedRegistries.size());
        List<Entry> compiled = new ArrayList<>(allowedRegistries.size());
        for (String registry : allowedRegistries) {
            if (registry == null || registry.isBlank()) {
                throw new IllegalArgumentException("untrusted-registry: empty entry in the allowed list");
            }
            String entry = registry.trim().toLowerCase(Locale.ROOT);
            while (entry.endsWith("/")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            if (entry.equals(LEGACY_DOCKER_HUB) || entry.startsWith(LEGACY_DOCKER_HUB + "/")) {
                entry = ImageReference.DOCKER_HUB + entry.substring(LEGACY_DOCKER_HUB.length());
            }
            compiled.add(
                    entry.indexOf('/') < 0
                            ? new Entry(Glob.compile(entry), null)
                            : new Entry(Glob.compile(entry), Glob.compile(entry + "/*")));
            written.add(registry.trim());
        }
        this.allowed = List.copyOf(written);
        this.entries = List.copyOf(compiled);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (entries.isEmpty() || podSpec.images().isEmpty()) {
            return;
        }
        List<String> untrusted = null;
        List<String> registries = null;
        for (String image : podSpec.images()) {
            ImageReference reference = ImageReference.parse(image);
            if (reference != null && !allows(reference)) {
                if (untrusted == null) {
                    untrusted = new ArrayList<>(1);
                    registries = new ArrayList<>(1);
                }
                untrusted.add(image);
                registries.add(reference.registry());
            }
        }
        if (untrusted == null) {
            return;
        }
        String finding = untrusted.size() == 1
                ? "image " + untrusted.get(0) + " from untrusted registry " + registries.get(0)
                : "images from untrusted registries " + describe(untrusted, registries);
        List<String> details = new ArrayList<>(untrusted.size() + 1);
        for (int i = 0; i < untrusted.size(); i++) {
            details.add("untrusted image: " + untrusted.get(i) + " (registry " + registries.get(i) + ")");
        }
        details.add("allowed registries: " + String.join(", ", allowed));
        alerts.accept(WorkloadFindings.alertFor(SPEC, event, podSpec, finding, details));
    }

    /** True when an allowed entry covers the image. */
    boolean allows(ImageReference image) {
        for (Entry entry : entries) {
            if (entry.allows(image)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<String> images, List<String> registries) {
        StringBuilder out = new StringBuilder(96);
        for (int i = 0; i < images.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(images.get(i)).append(" (").append(registries.get(i)).append(')');
        }
        return out.toString();
    }
}
