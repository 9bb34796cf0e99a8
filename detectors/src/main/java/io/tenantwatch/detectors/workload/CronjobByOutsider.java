package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code cronjob-by-outsider}: someone who does not belong to a tenant creates, updates or patches
 * a CronJob in that tenant's namespace, and the API server allows it: a member of another tenant,
 * an admin, an identity of no tenant, or an anonymous request.
 *
 * <p>Why it matters: a CronJob is persistence the tenant does not see coming. It runs again on
 * schedule, as a service account of the namespace, with that namespace's Secrets in reach, long
 * after the credential that wrote it was revoked; changing an existing CronJob's image or command
 * hides the same thing inside a job the tenant trusts. Tenants' own pipelines write their CronJobs;
 * anyone else doing so is either an agreed service or the tenant's workloads being turned. The
 * details give the writer's tenants, the images and service account as written.
 *
 * <p>Beside {@code cross-tenant-write}: a member of another tenant raises both (that one is the
 * boundary crossed, this one the persistence left behind); admins and identities of no tenant raise
 * only this one. Does not fire for: the namespace's own tenant; platform identities (the platform's
 * GitOps and operators, Velero restoring a namespace); platform and unmapped namespaces; deletes;
 * the {@code status} subresource (the CronJob controller's bookkeeping); denied or failed writes.
 */
public final class CronjobByOutsider extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cronjob-by-outsider",
            DetectorGroup.WORKLOAD,
            Severity.HIGH,
            "Persistence",
            "T1053.007 Container Orchestration Job",
            "CronJob written in a tenant namespace by someone outside the tenant");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CronjobByOutsider::new);

    private static final Trigger CRONJOBS = Trigger.audit("cronjobs");

    public CronjobByOutsider() {
        super(SPEC, CRONJOBS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        List<String> writerTenants = event.event().actorTenants();
        if (!event.isAllowedObjectWriteByNonPlatform()
                || !event.inTenantNamespace()
                || writerTenants.contains(event.targetTenant())) {
            return;
        }
        String root = WorkloadRoot.of(event.event());
        AlertBuilder alert = WorkloadFindings.alert(SPEC, event, root, null)
                .detail("writer's tenants: " + (writerTenants.isEmpty() ? "none" : String.join(", ", writerTenants)));
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (podSpec != null && podSpec.serviceAccountName() != null) {
            alert.detail("runs as service account: " + podSpec.serviceAccountName());
        }
        WorkloadFindings.addWorkload(alert, root, podSpec);
        alerts.accept(alert.build());
    }
}
