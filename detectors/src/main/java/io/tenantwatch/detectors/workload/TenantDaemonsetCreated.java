package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.function.Consumer;

/**
 * {@code tenant-daemonset-created}: a tenant's member or service account creates a DaemonSet, and
 * the API server allows it.
 *
 * <p>Why it matters: a DaemonSet runs a pod on every node, so on every node another tenant's pods
 * run on, and the scheduler re-creates it on each new node of every scale-out. Node-wide agents
 * (log shippers, monitoring, security and network agents) are the platform's to run; a tenant has
 * no workload that needs one copy per node. From a tenant it is a foothold on every node at once,
 * which survives pod deletion and node replacement, and the usual first step of a node escape
 * spread cluster-wide. The details give the images and service account when the audit event
 * carries the body; the create counts without it (Metadata level).
 *
 * <p>Does not fire for: platform identities (AKS add-ons, the platform's GitOps installing agents),
 * admins and identities of no tenant (their DaemonSets are the platform team's business; in a
 * system namespace {@code workload-in-system-namespace} covers them); updates, patches and deletes of
 * an existing DaemonSet (a rollout of one the tenant already has); denied or failed creates.
 */
public final class TenantDaemonsetCreated extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "tenant-daemonset-created",
            DetectorGroup.WORKLOAD,
            Severity.MEDIUM,
            "Persistence",
            "T1610 Deploy Container",
            "DaemonSet created by a tenant");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, TenantDaemonsetCreated::new);

    private static final Trigger DAEMONSETS = Trigger.audit("daemonsets");

    public TenantDaemonsetCreated() {
        super(SPEC, DAEMONSETS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"create".equals(event.verb())
                || event.subresource() != null
                || event.actorClass() != ActorClass.TENANT_MEMBER
                || !event.isAllowed()) {
            return;
        }
        String root = WorkloadRoot.of(event.event());
        AlertBuilder alert = WorkloadFindings.alert(SPEC, event, root, null)
                .detail("reach: one pod on every node, next to every tenant's pods, re-created on every new node");
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (podSpec != null && podSpec.serviceAccountName() != null) {
            alert.detail("runs as service account: " + podSpec.serviceAccountName());
        }
        WorkloadFindings.addWorkload(alert, root, podSpec);
        alerts.accept(alert.build());
    }
}
