package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code cross-tenant-binding}: a RoleBinding written in a tenant's namespace grants its role to
 * someone of another tenant: a service account of another tenant's namespace (or that whole
 * namespace's {@code system:serviceaccounts:<ns>} group), or a user or group whose home tenants
 * exclude this one.
 *
 * <p>Why it matters: this is how a tenant boundary is opened on purpose or by a compromised
 * deployer, and every cross-tenant read or write that follows will be "allowed". The alert names
 * each foreign subject and its tenants.
 *
 * <p>Does not fire for: subjects with no known tenant (unattributed people, platform automation),
 * bindings in platform or unmapped namespaces, ClusterRoleBindings (group D), failed writes.
 */
public final class CrossTenantBinding extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-binding",
            DetectorGroup.CROSS_TENANT,
            Severity.HIGH,
            "Privilege Escalation",
            "T1098 Account Manipulation",
            "RoleBinding grants access to another tenant");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantBinding::new);

    private static final Trigger ROLEBINDINGS = Trigger.audit("rolebindings");

    public CrossTenantBinding() {
        super(SPEC, ROLEBINDINGS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Facts.Rbac rbac = event.event().facts().rbac();
        if (rbac == null || !event.isAllowedObjectWrite() || !event.inTenantNamespace()) {
            return;
        }
        String tenant = event.targetTenant();
        List<String> foreign = new ArrayList<>();
        for (Facts.Subject subject : rbac.subjects()) {
            Set<String> tenants = event.subjectHomeTenants(subject);
            if (!tenants.isEmpty() && !tenants.contains(tenant)) {
                foreign.add(describe(subject) + " (tenant" + (tenants.size() == 1 ? " " : "s ")
                        + String.join(", ", tenants) + ")");
            }
        }
        if (foreign.isEmpty()) {
            return;
        }
        String role = rbac.roleRef() == null
                ? "a role"
                : rbac.roleRef().kind() + " " + rbac.roleRef().name();
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event) + ", granting " + role + " to " + String.join(", ", foreign));
        foreign.forEach(f -> alert.detail("foreign subject: " + f));
        alert.detail("role: " + role);
        alerts.accept(alert.build());
    }

    private static String describe(Facts.Subject subject) {
        if ("ServiceAccount".equals(subject.kind())) {
            return "ServiceAccount " + subject.namespace() + "/" + subject.name();
        }
        return subject.kind() + " " + subject.name();
    }
}
