package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code pod-security-violation}: the API server's Pod Security admission annotated an allowed
 * request with {@code pod-security.kubernetes.io/audit-violations}: the pod, or the pod template
 * of a workload, breaks the Pod Security Standard that the namespace's {@code audit} label names,
 * while the {@code enforce} level let it through.
 *
 * <p>Why it matters: it is the run-time record of a namespace running weaker pods than its policy
 * asks for: root containers, privilege escalation, host paths, added capabilities. Each one is
 * low on its own (group B raises the dangerous settings by themselves); together they show which
 * tenants would break if {@code enforce} were raised, and which workload an attacker would pick to
 * reach the node. The violation text is in the summary and the details: it names policy fields and
 * containers, never a value of the object.
 *
 * <p>Pod Security admission checks pods and every kind with a pod template (pod templates,
 * replication controllers, ReplicaSets, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs);
 * the trigger is limited to those. Does not fire for: requests without the annotation; platform
 * identities (group E default: the pods a controller creates from a tenant's Deployment carry the
 * annotation too, and the tenant's own Deployment write already raised, so one template yields one
 * alert rather than one per replica); requests that were denied or failed ({@code enforce}
 * refusals included: nothing was created).
 */
public final class PodSecurityViolation extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "pod-security-violation",
            DetectorGroup.CONTROL_PLANE,
            Severity.LOW,
            "Defense Evasion",
            "T1610 Deploy Container",
            "Pod Security Standard violated (audit)");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, PodSecurityViolation::new);

    public static final String AUDIT_VIOLATIONS = "pod-security.kubernetes.io/audit-violations";
    static final String ENFORCE_POLICY = "pod-security.kubernetes.io/enforce-policy";

    private static final Trigger POD_SPEC_SOURCES = Trigger.audit(
            "pods",
            "podtemplates",
            "replicationcontrollers",
            "replicasets",
            "deployments",
            "statefulsets",
            "daemonsets",
            "jobs",
            "cronjobs");

    public PodSecurityViolation() {
        super(SPEC, POD_SPEC_SOURCES);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Map<String, String> annotations = event.event().annotations();
        String violations = annotations.get(AUDIT_VIOLATIONS);
        if (violations == null || violations.isBlank() || !event.isAllowed() || event.isPlatformActor()) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event) + ": " + Phrases.inline(violations))
                .detail("violations: " + Phrases.redact(violations));
        String enforce = annotations.get(ENFORCE_POLICY);
        if (enforce != null && !enforce.isEmpty()) {
            alert.detail("enforce policy: " + enforce);
        }
        alerts.accept(alert.build());
    }
}
