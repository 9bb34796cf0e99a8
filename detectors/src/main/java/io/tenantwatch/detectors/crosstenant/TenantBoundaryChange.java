package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code tenant-boundary-change}: a namespace write that moves the tenant boundary: it changes or
 * removes the namespace's tenant label or its Capsule owner reference, sets
 * {@code pod-security.kubernetes.io/enforce} to {@code privileged} or removes it, or creates a
 * namespace labelled for a tenant the actor does not belong to.
 *
 * <p>Why it matters: tenancy is decided by exactly these labels and references; relabelling a
 * namespace hands it, and everything in it, to another tenant, and lifting Pod Security
 * enforcement lets privileged pods in. High; low when the platform does it (Capsule and
 * provisioning pipelines relabel namespaces as their job).
 *
 * <p>Does not fire for: label writes that keep the tenant; the enforce level in platform
 * namespaces (privileged by design); failed writes; status and finalize subresources.
 */
public final class TenantBoundaryChange extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "tenant-boundary-change",
            DetectorGroup.CROSS_TENANT,
            Severity.HIGH,
            "Defense Evasion",
            "T1562 Impair Defenses",
            "Tenant boundary of a namespace changed");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, TenantBoundaryChange::new);

    static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    private static final String ALL_LABELS = "*";
    private static final Trigger NAMESPACES = Trigger.audit("namespaces");

    public TenantBoundaryChange() {
        super(SPEC, NAMESPACES);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Facts.Namespace ns = event.event().facts().namespace();
        if (ns == null || !event.isAllowedObjectWrite()) {
            return;
        }
        List<String> changes = new ArrayList<>();
        boolean create = "create".equals(event.verb());
        Map<String, String> written = "patch".equals(event.verb()) ? ns.labelsSet() : ns.labels();
        String current = event.targetTenant();
        for (String key : event.tenancy().namespaceLabels()) {
            String value = written.get(key);
            if (create) {
                if (value != null
                        && event.actorClass() == ActorClass.TENANT_MEMBER
                        && !event.event().actorTenants().contains(value)) {
                    changes.add("created labelled " + key + "=" + value + ", a tenant the actor does not belong to");
                }
            } else if (value != null && current != null && !value.equals(current) && event.inTenantNamespace()) {
                changes.add("tenant label " + key + " set to " + value + " (was tenant " + current + ")");
            } else if (removed(ns, key)) {
                changes.add("tenant label " + key + " removed");
            }
        }
        for (Facts.OwnerRef owner : event.event().facts().ownerReferences()) {
            if ("Tenant".equals(owner.kind())
                    && !create
                    && current != null
                    && event.inTenantNamespace()
                    && !current.equals(owner.name())) {
                changes.add("Capsule owner reference set to Tenant " + owner.name() + " (was tenant " + current + ")");
            }
        }
        if (!event.inPlatformNamespace()) {
            if ("privileged".equals(written.get(ENFORCE))) {
                changes.add(ENFORCE + " set to privileged");
            } else if (!create && removed(ns, ENFORCE)) {
                changes.add(ENFORCE + " removed");
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .severity(event.isPlatformActor() ? Severity.LOW : SPEC.severity())
                .summary(Phrases.actor(event) + " " + Phrases.pastTense(event.verb()) + " namespace "
                        + event.namespace() + ": " + String.join("; ", changes));
        changes.forEach(alert::detail);
        alerts.accept(alert.build());
    }

    private static boolean removed(Facts.Namespace ns, String key) {
        return ns.labelsRemoved().contains(key) || ns.labelsRemoved().contains(ALL_LABELS);
    }
}
