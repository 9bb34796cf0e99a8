package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code sensitive-host-mount}: a pod or pod template is created, updated or patched with a
 * {@code hostPath} volume on a sensitive part of the node: exactly {@code /}, or at or under
 * {@code /proc}, {@code /etc}, {@code /root}, {@code /boot}, {@code /dev},
 * {@code /var/run/docker.sock}, {@code /run/containerd}, {@code /var/run/crio},
 * {@code /var/lib/kubelet}, {@code /etc/kubernetes} or {@code /var/log} (the list is a
 * constructor parameter; Falco's "Create Sensitive Mount Pod").
 *
 * <p>Why it matters: these paths are the node's identity and control. The container runtime
 * socket starts containers outside Kubernetes, {@code /var/lib/kubelet} holds every pod's
 * service-account tokens and the kubelet's credentials, {@code /etc} and {@code /root} hold SSH
 * keys and the shadow file, {@code /proc} and {@code /dev} reach the host's processes and disks.
 * A tenant pod that mounts one is a node escape away from every other tenant on that node.
 *
 * <p>Paths are compared as the kubelet resolves them, not as written: repeated slashes, {@code .}
 * and {@code ..} segments and trailing slashes are normalized, and {@code /var/run} is the same
 * directory as {@code /run} (a symlink on every mainstream node image), so
 * {@code /run/docker.sock} is the Docker socket. A mount that contains a sensitive path exposes it
 * too: {@code /} (the catalogue's own example), but also {@code /var}, {@code /var/lib} or
 * {@code /run}. "At or under" means equal to the entry or starting with the entry and a slash:
 * {@code /etcd-backup} is not under {@code /etc}.
 *
 * <p>Raises on any writer, controllers included; the fingerprint names the workload root. Does not
 * fire for: other host paths ({@code /var/lib/app-data}, {@code /usr/local}, {@code /mnt/disks}),
 * reads, denied or failed writes, subresource writes other than ephemeral containers, and — unless
 * constructed otherwise — platform identities writing in platform namespaces (node agents such as
 * log collectors and CSI drivers mount these by design).
 */
public final class SensitiveHostMount extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "sensitive-host-mount",
            DetectorGroup.WORKLOAD,
            Severity.HIGH,
            "Privilege Escalation",
            "T1611 Escape to Host",
            "Sensitive host path mounted");

    /** The catalogue's list; {@code /} matches only itself (everything is under it). */
    public static final List<String> DEFAULT_PATHS = List.of(
            "/",
            "/proc",
            "/etc",
            "/root",
            "/boot",
            "/dev",
            "/var/run/docker.sock",
            "/run/containerd",
            "/var/run/crio",
            "/var/lib/kubelet",
            "/etc/kubernetes",
            "/var/log");

    static final ParamSpec PATHS =
            ParamSpec.stringList("paths", DEFAULT_PATHS, "hostPath paths that are sensitive at or under them.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(PATHS, IGNORE_PLATFORM),
            p -> new SensitiveHostMount(p.stringList(PATHS), p.bool(IGNORE_PLATFORM)));

    private static final String ROOT = "/";
    private static final String VAR_RUN = "/var/run";
    private static final String RUN = "/run";

    /** A configured path: as the operator wrote it (for the alert) and canonical (for comparing). */
    private record Entry(String written, String canonical) {}

    private final List<Entry> sensitive;

    /** The catalogue default: {@link #DEFAULT_PATHS}; platform identities in platform namespaces are ignored. */
    public SensitiveHostMount() {
        this(DEFAULT_PATHS, true);
    }

    public SensitiveHostMount(List<String> sensitivePaths) {
        this(sensitivePaths, true);
    }

    /** @throws IllegalArgumentException for an empty or blank path in the list */
    public SensitiveHostMount(List<String> sensitivePaths, boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
        List<Entry> entries = new ArrayList<>(sensitivePaths.size());
        List<String> seen = new ArrayList<>(sensitivePaths.size());
        for (String path : sensitivePaths) {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("sensitive-host-mount: empty path in the list");
            }
            String canonical = canonical(path);
            if (!seen.contains(canonical)) {
                seen.add(canonical);
                String written = path.trim();
                while (written.length() > 1 && written.endsWith("/")) {
                    written = written.substring(0, written.length() - 1);
                }
                entries.add(new Entry(written, canonical));
            }
        }
        this.sensitive = List.copyOf(entries);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (podSpec.hostPaths().isEmpty()) {
            return;
        }
        List<String> found = null;
        List<String> details = null;
        for (String hostPath : podSpec.hostPaths()) {
            if (hostPath == null || hostPath.isBlank()) {
                continue;
            }
            String reason = reason(canonical(hostPath));
            if (reason != null) {
                if (found == null) {
                    found = new ArrayList<>(2);
                    details = new ArrayList<>(2);
                }
                if (!found.contains(hostPath)) {
                    found.add(hostPath);
                    details.add("hostPath: " + hostPath + " (" + reason + ")");
                }
            }
        }
        if (found == null) {
            return;
        }
        alerts.accept(WorkloadFindings.alertFor(
                SPEC,
                event,
                podSpec,
                WorkloadFindings.counted("sensitive hostPath", "sensitive hostPaths", found),
                details));
    }

    /** Why a canonical host path is sensitive ({@code at or under /etc}, {@code contains /var/lib/kubelet}), or null. */
    String reason(String path) {
        for (Entry entry : sensitive) {
            String sensitivePath = entry.canonical();
            if (ROOT.equals(sensitivePath)) {
                if (ROOT.equals(path)) {
                    return "the node's root filesystem";
                }
            } else if (path.equals(sensitivePath) || path.startsWith(sensitivePath + "/")) {
                return "at or under " + entry.written();
            }
        }
        for (Entry entry : sensitive) {
            String sensitivePath = entry.canonical();
            if (!ROOT.equals(sensitivePath) && (ROOT.equals(path) || sensitivePath.startsWith(path + "/"))) {
                return "contains " + entry.written();
            }
        }
        return null;
    }

    /**
     * The path as the node resolves it: absolute, without empty, {@code .} or {@code ..} segments or a
     * trailing slash, and with {@code /var/run} spelled {@code /run}. Relative paths are taken from
     * the root (the kubelet's working directory).
     */
    static String canonical(String path) {
        Deque<String> segments = new ArrayDeque<>();
        int start = 0;
        String trimmed = path.trim();
        while (start <= trimmed.length()) {
            int slash = trimmed.indexOf('/', start);
            int end = slash < 0 ? trimmed.length() : slash;
            String segment = trimmed.substring(start, end);
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
            start = end + 1;
        }
        if (segments.isEmpty()) {
            return ROOT;
        }
        String normalized = "/" + String.join("/", segments);
        if (normalized.equals(VAR_RUN) || normalized.startsWith(VAR_RUN + "/")) {
            return RUN + normalized.substring(VAR_RUN.length());
        }
        return normalized;
    }
}
