package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code dangerous-capabilities}: a pod or pod template is created, updated or patched with a
 * container whose {@code securityContext.capabilities.add} holds {@code SYS_ADMIN},
 * {@code NET_ADMIN}, {@code SYS_PTRACE}, {@code SYS_MODULE}, {@code BPF}, {@code DAC_READ_SEARCH}
 * or {@code ALL} (the list is a constructor parameter). Names are compared the way the container
 * runtime reads them: case-insensitive, with or without the {@code CAP_} prefix.
 *
 * <p>Why it matters: each of these is most of the way to root on the node. {@code SYS_ADMIN}
 * mounts filesystems and abuses cgroup release agents to escape; {@code SYS_MODULE} loads kernel
 * modules; {@code SYS_PTRACE} (with a shared PID namespace) injects into other processes;
 * {@code BPF} reads kernel memory and traffic; {@code DAC_READ_SEARCH} reads any file through
 * {@code open_by_handle_at} (the "shocker" escape); {@code NET_ADMIN} rewires the pod network
 * (and with {@code hostNetwork}, the node's). {@code ALL} is all of them. Medium, not high: some
 * legitimate workloads (VPN sidecars, service-mesh init containers) need {@code NET_ADMIN}.
 *
 * <p>Raises on any writer, controllers included; the fingerprint names the workload root. Does not
 * fire for: other capabilities ({@code NET_BIND_SERVICE}, {@code CHOWN}, {@code SYS_NICE},
 * {@code SYS_TIME}), dropped capabilities, reads, denied or failed writes, subresource writes other
 * than ephemeral containers, and — unless constructed otherwise — platform identities writing in
 * platform namespaces (CNI and CSI plugins need these by design). A privileged container has every
 * capability without asking; that is {@code privileged-container}.
 */
public final class DangerousCapabilities extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "dangerous-capabilities",
            DetectorGroup.WORKLOAD,
            Severity.MEDIUM,
            "Privilege Escalation",
            "T1611 Escape to Host",
            "Dangerous Linux capability added");

    public static final List<String> DEFAULT_CAPABILITIES =
            List.of("SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "BPF", "DAC_READ_SEARCH", "ALL");
    static final ParamSpec CAPABILITIES =
            ParamSpec.stringList("capabilities", DEFAULT_CAPABILITIES, "Added capabilities that raise.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(CAPABILITIES, IGNORE_PLATFORM),
            p -> new DangerousCapabilities(p.stringList(CAPABILITIES), p.bool(IGNORE_PLATFORM)));

    private static final String CAP_PREFIX = "CAP_";

    /** Canonical names: upper case, without {@code CAP_}. */
    private final Set<String> dangerous;

    /** The catalogue default: {@link #DEFAULT_CAPABILITIES}; platform identities in platform namespaces are ignored. */
    public DangerousCapabilities() {
        this(DEFAULT_CAPABILITIES, true);
    }

    public DangerousCapabilities(List<String> capabilities) {
        this(capabilities, true);
    }

    /** @throws IllegalArgumentException for an empty or blank capability in the list */
    public DangerousCapabilities(List<String> capabilities, boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
        Set<String> canonical = new HashSet<>();
        for (String capability : capabilities) {
            if (capability == null || canonical(capability).isEmpty()) {
                throw new IllegalArgumentException("dangerous-capabilities: empty capability in the list");
            }
            canonical.add(canonical(capability));
        }
        this.dangerous = Set.copyOf(canonical);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (podSpec.addedCapabilities().isEmpty()) {
            return;
        }
        List<String> found = null;
        for (String capability : podSpec.addedCapabilities()) {
            if (capability != null && dangerous.contains(canonical(capability))) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(capability);
            }
        }
        if (found == null) {
            return;
        }
        alerts.accept(WorkloadFindings.alertFor(
                SPEC,
                event,
                podSpec,
                WorkloadFindings.counted("added capability", "added capabilities", found),
                found.stream().map(capability -> "capability: " + capability).toList()));
    }

    /** {@code cap_sys_admin}, {@code CAP_SYS_ADMIN}, {@code sys_admin} → {@code SYS_ADMIN}. */
    static String canonical(String capability) {
        String upper = capability.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith(CAP_PREFIX) ? upper.substring(CAP_PREFIX.length()) : upper;
    }
}
