package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.ResourceRef;
import java.util.List;

/**
 * How a group B finding is told, the same way by every detector of the group: one summary shape
 * ({@code <actor> <did what> with <finding> in <place> (workload <root>)}, as
 * {@link PrivilegedContainer} says it), the workload-root fingerprint, and the workload evidence
 * (root and images) after the detector's own details. Called only when a detector raises.
 */
final class WorkloadFindings {

    private WorkloadFindings() {}

    /**
     * The alert for a finding on a workload write, fingerprinted on the workload root.
     *
     * @param finding what is wrong with the spec, e.g. {@code hostNetwork} or
     *                {@code sensitive hostPath /etc}
     */
    static AlertBuilder alert(DetectorSpec spec, EventContext event, String root, String finding) {
        return AlertBuilder.of(spec, event)
                .summary(summary(event, finding, root))
                .workloadRoot(root);
    }

    /**
     * The alert for a finding on a workload write: the summary, the detector's own details, then
     * the workload evidence ({@link #addWorkload}), fingerprinted on the workload root.
     */
    static Alert alertFor(
            DetectorSpec spec, EventContext event, Facts.PodSpec podSpec, String finding, List<String> details) {
        String root = WorkloadRoot.of(event.event());
        AlertBuilder alert = alert(spec, event, root, finding);
        details.forEach(alert::detail);
        addWorkload(alert, root, podSpec);
        return alert.build();
    }

    /** {@code <actor> <did what> with <finding> in <place>}, plus the workload when the object is not the root itself. */
    static String summary(EventContext event, String finding, String root) {
        ResourceRef ref = event.event().resource();
        StringBuilder out =
                new StringBuilder(192).append(Phrases.actor(event)).append(' ').append(Phrases.request(event));
        if (finding != null) {
            out.append(" with ").append(finding);
        }
        out.append(" in ").append(Phrases.place(event));
        if (root != null && (ref == null || !root.equals(ref.name()))) {
            out.append(" (workload ").append(root).append(')');
        }
        return out.toString();
    }

    /** The evidence every group B alert ends with: the workload root and the images of the spec. */
    static void addWorkload(AlertBuilder alert, String root, Facts.PodSpec podSpec) {
        if (root != null) {
            alert.detail("workload: " + root);
        }
        if (podSpec != null && !podSpec.images().isEmpty()) {
            alert.detail("images: " + String.join(", ", podSpec.images()));
        }
    }

    /** {@code word} or {@code words} and the items, comma-separated: {@code hostPaths /etc, /var/log}. */
    static String counted(String singular, String plural, List<String> items) {
        return (items.size() == 1 ? singular : plural) + " " + String.join(", ", items);
    }
}
