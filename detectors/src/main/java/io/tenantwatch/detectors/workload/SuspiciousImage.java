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
 * {@code suspicious-image}: a pod or pod template is created, updated or patched with an image
 * that the configured list names: by default cryptocurrency miners ({@code xmrig}, {@code xmr-stak},
 * {@code cgminer}, {@code minerd}, {@code ccminer}, {@code t-rex}, {@code lolminer}, {@code nbminer},
 * the {@code kdevtmpfsi}/{@code kinsing} malware, anything with {@code miner} in its repository)
 * and Kubernetes attack tools ({@code kube-hunter}, {@code peirates}).
 *
 * <p>Why it matters: in a shared cluster a miner burns every tenant's capacity and the bill, and
 * is the most common payload of a stolen kubeconfig or an exposed dashboard; an attack tool in a
 * pod is someone mapping the cluster from inside it. Neither has a reason to be deployed.
 *
 * <p>Each entry is a case-insensitive glob ({@code *}, {@code ?}) matched against the image's
 * repository, never its tag or digest ({@code nginx:xmrig} is not a miner):
 * <ul>
 *   <li>an entry without a slash ({@code xmrig*}, {@code *miner*}) against the repository's last
 *       segment or its whole path ({@code docker.io/minerboy/xmrig:6.21} is {@code xmrig} and
 *       {@code minerboy/xmrig});</li>
 *   <li>an entry with a slash ({@code aquasec/kube-hunter}) against the whole path;</li>
 *   <li>an entry that starts with a registry ({@code ghcr.io/evil/*}) against registry and path.</li>
 * </ul>
 * Registries are parsed as Docker does ({@link ImageReference}): {@code xmrig} is
 * {@code docker.io/library/xmrig}. The list is compiled once, at construction.
 *
 * <p>Raises on any writer, controllers included; the fingerprint names the workload root. Does not
 * fire for: images the list does not name, reads, denied or failed writes, subresource writes other
 * than ephemeral containers, and — unless constructed otherwise — platform identities writing in
 * platform namespaces.
 */
public final class SuspiciousImage extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "suspicious-image",
            DetectorGroup.WORKLOAD,
            Severity.HIGH,
            "Impact",
            "T1496 Resource Hijacking",
            "Known miner or attack-tool image");

    /** Specific names first, so the alert names the most precise entry. */
    public static final List<String> DEFAULT_IMAGES = List.of(
            "xmrig*",
            "xmr-stak*",
            "kdevtmpfsi",
            "kinsing",
            "cgminer",
            "minerd",
            "ccminer",
            "t-rex",
            "lolminer",
            "nbminer",
            "kube-hunter",
            "peirates",
            "*miner*");

    static final ParamSpec IMAGES =
            ParamSpec.stringList("images", DEFAULT_IMAGES, "Image name globs (miners, attack tools).");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(IMAGES, IGNORE_PLATFORM),
            p -> new SuspiciousImage(p.stringList(IMAGES), p.bool(IGNORE_PLATFORM)));

    private enum Target {
        NAME_OR_PATH,
        PATH,
        QUALIFIED
    }

    private record Entry(String written, Glob glob, Target target) {

        boolean matches(ImageReference image) {
            return switch (target) {
                case NAME_OR_PATH -> glob.matches(image.name()) || glob.matches(image.repository());
                case PATH -> glob.matches(image.repository());
                case QUALIFIED -> glob.matches(image.qualifiedRepository());
            };
        }
    }

    private final List<Entry> entries;

    /** The catalogue default: {@link #DEFAULT_IMAGES}; platform identities in platform namespaces are ignored. */
    public SuspiciousImage() {
        this(DEFAULT_IMAGES, true);
    }

    public SuspiciousImage(List<String> images) {
        this(images, true);
    }

    /** @throws IllegalArgumentException for an entry that is empty or not a valid glob */
    public SuspiciousImage(List<String> images, boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
        List<Entry> compiled = new ArrayList<>(images.size());
        for (String image : images) {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("suspicious-image: empty entry in the list");
            }
            String entry = image.trim().toLowerCase(Locale.ROOT);
            Target target = ImageReference.namesRegistry(entry)
                    ? Target.QUALIFIED
                    : entry.indexOf('/') >= 0 ? Target.PATH : Target.NAME_OR_PATH;
            if (target == Target.QUALIFIED && entry.startsWith("index.docker.io/")) {
                entry = ImageReference.DOCKER_HUB + entry.substring("index.docker.io".length());
            }
            compiled.add(new Entry(image.trim(), Glob.compile(entry), target));
        }
        this.entries = List.copyOf(compiled);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (entries.isEmpty() || podSpec.images().isEmpty()) {
            return;
        }
        List<String> found = null;
        List<String> details = null;
        for (String image : podSpec.images()) {
            String entry = matchingEntry(image);
            if (entry != null) {
                if (found == null) {
                    found = new ArrayList<>(1);
                    details = new ArrayList<>(1);
                }
                found.add(image);
                details.add("suspicious image: " + image + " (matches " + entry + ")");
            }
        }
        if (found == null) {
            return;
        }
        alerts.accept(WorkloadFindings.alertFor(
                SPEC,
                event,
                podSpec,
                WorkloadFindings.counted("suspicious image", "suspicious images", found),
                details));
    }

    /** The first entry (as configured) that names the image, or null. */
    String matchingEntry(String image) {
        ImageReference reference = ImageReference.parse(image);
        if (reference == null) {
            return null;
        }
        for (Entry entry : entries) {
            if (entry.matches(reference)) {
                return entry.written();
            }
        }
        return null;
    }
}
