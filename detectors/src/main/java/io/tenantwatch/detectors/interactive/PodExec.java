package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.CrossTenantAccess;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code pod-exec}: an allowed {@code kubectl exec} or {@code kubectl attach} (pods/exec,
 * pods/attach, whatever the verb: WebSocket clients use get) by a non-platform identity.
 *
 * <p>Why it matters: exec is a shell inside a running workload, outside its image, its deployment
 * pipeline and its logs: the way people debug production and the way attackers use a stolen
 * kubeconfig. It matches Falco's "Attach/Exec Pod". In a platform namespace (kube-system and the
 * like) it is critical: those pods hold cluster-wide credentials.
 *
 * <p>Does not fire for: platform identities; a tenant member inside its own tenant's namespaces,
 * routine for a tenant's developers, unless constructed with {@code includeOwnTenant}; denied or
 * failed requests; a tenant member in another tenant's namespace, which is
 * {@code cross-tenant-exec} (precedence); port-forward and proxy, which have their own detectors.
 */
public final class PodExec extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "pod-exec",
            DetectorGroup.INTERACTIVE,
            Severity.MEDIUM,
            "Execution",
            "T1609 Container Administration Command",
            "Exec or attach into a pod");

    static final ParamSpec INCLUDE_OWN_TENANT = ParamSpec.bool(
            "includeOwnTenant", false, "Also raise when a tenant member execs into its own tenant's pods.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(INCLUDE_OWN_TENANT), p -> new PodExec(p.bool(INCLUDE_OWN_TENANT)));

    private static final Trigger PODS = Trigger.audit("pods");

    private final boolean includeOwnTenant;

    /** The catalogue default: a tenant member exec-ing in its own tenant's namespaces is not raised. */
    public PodExec() {
        this(false);
    }

    public PodExec(boolean includeOwnTenant) {
        super(SPEC, PODS);
        this.includeOwnTenant = includeOwnTenant;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String subresource = event.subresource();
        if (!("exec".equals(subresource) || "attach".equals(subresource))
                || !event.isAllowed()
                || event.isPlatformActor()
                || event.crossTenantAccess() == CrossTenantAccess.EXEC
                || (!includeOwnTenant && inOwnTenant(event))) {
            return;
        }
        String command = event.execCommand();
        String summary = Phrases.requestSummary(event);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(command == null ? summary : summary + ": " + Phrases.inline(command));
        if (event.inPlatformNamespace()) {
            alert.severity(Severity.CRITICAL);
        }
        if (command != null) {
            alert.detail("command: " + Phrases.redact(command));
        }
        alerts.accept(alert.build());
    }

    private static boolean inOwnTenant(EventContext event) {
        return event.actorClass() == ActorClass.TENANT_MEMBER
                && event.inTenantNamespace()
                && event.event().actorTenants().contains(event.targetTenant());
    }
}
