package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.CrossTenantAccess;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;

/**
 * {@code cross-tenant-exec}: a tenant member opens pods/exec, pods/attach, pods/portforward,
 * pods/proxy or services/proxy in another tenant's namespace, and the API server allows it.
 *
 * <p>Why it matters: this is a shell in (or a network path into) the neighbour's workload: its
 * files, its mounted service-account token and its network position, without any object change
 * that a write detector would see. The command, when the request carries one, is in the summary
 * and the details.
 *
 * <p>Does not fire for: non-tenant-member actors (an admin's or unattributed identity's exec is
 * {@code pod-exec}), an identity that is also a member of the target tenant, platform or unmapped
 * namespaces, denied or failed requests. An event it raises on is not also raised as
 * {@code pod-exec}, read or write (precedence).
 */
public final class CrossTenantExec extends CrossTenantDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-exec",
            DetectorGroup.CROSS_TENANT,
            Severity.CRITICAL,
            "Execution",
            "T1609 Container Administration Command",
            "Cross-tenant exec, attach, port-forward or proxy");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantExec::new);

    public CrossTenantExec() {
        super(SPEC);
    }

    @Override
    boolean matches(EventContext event) {
        return event.crossTenantAccess() == CrossTenantAccess.EXEC;
    }

    @Override
    String summary(EventContext event) {
        String command = event.execCommand();
        String base = super.summary(event);
        return command == null ? base : base + ": " + Phrases.inline(command);
    }

    @Override
    void addDetails(EventContext event, AlertBuilder alert) {
        String command = event.execCommand();
        if (command != null) {
            alert.detail("command: " + Phrases.redact(command));
        }
    }
}
