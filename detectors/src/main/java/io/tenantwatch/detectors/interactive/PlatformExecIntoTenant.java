package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.interactive.ExecSuspiciousCommand.Indicator;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code platform-exec-into-tenant}: an allowed exec or attach (pods/exec, pods/attach, whatever the
 * verb) into a pod of a tenant's namespace by a platform service account: an add-on or controller
 * of kube-system or another platform namespace, an identity every other group C detector trusts.
 *
 * <p>Why it matters: add-ons (CNI and CSI drivers, ingress controllers, monitoring, policy engines,
 * GitOps) work on tenants' objects through the API and never open a shell in a tenant's pod. A
 * platform service account doing so is the usual pivot of a compromised add-on: its token, taken
 * from the add-on's pod or node, reaches every tenant, and a shell in a tenant's pod gives that
 * pod's own token and secrets. Because the identity is trusted everywhere else, nothing else raises
 * on it. Critical when the command does what {@code exec-suspicious-command} looks for (reads the
 * pod's token or a credential file, reaches the metadata service, opens a reverse shell, archives
 * to stdout…): the indicators are in the details.
 *
 * <p>Does not fire for: the platform's people (platform users and groups, AKS's own identities) and
 * nodes; execs into platform or unmapped namespaces, where add-ons work on their own pods; the
 * service accounts of {@code ignoreServiceAccounts} (by default Velero's, whose backup hooks exec
 * into the pods they back up by design); denied or failed requests; port-forward and proxy
 * (Prometheus scrapes tenants' pods through pods/proxy).
 */
public final class PlatformExecIntoTenant extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "platform-exec-into-tenant",
            DetectorGroup.INTERACTIVE,
            Severity.HIGH,
            "Lateral Movement",
            "T1609 Container Administration Command",
            "Platform service account exec'd into a tenant's pod");

    /** Velero runs a backup's pre and post hooks by exec into the pods it backs up. */
    static final List<String> DEFAULT_IGNORED = List.of("system:serviceaccount:velero:velero");

    static final ParamSpec IGNORE_SERVICE_ACCOUNTS = ParamSpec.stringList(
            "ignoreServiceAccounts",
            DEFAULT_IGNORED,
            "Platform service accounts that exec into tenants' pods by design (usernames, exact), e.g. a backup"
                    + " tool's hooks.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(IGNORE_SERVICE_ACCOUNTS),
            p -> new PlatformExecIntoTenant(p.stringList(IGNORE_SERVICE_ACCOUNTS)));

    private static final Trigger PODS = Trigger.audit("pods");

    private final Set<String> ignoreServiceAccounts;

    /** The catalogue default: Velero's service account is ignored. */
    public PlatformExecIntoTenant() {
        this(DEFAULT_IGNORED);
    }

    public PlatformExecIntoTenant(List<String> ignoreServiceAccounts) {
        super(SPEC, PODS);
        this.ignoreServiceAccounts = Set.copyOf(ignoreServiceAccounts);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String subresource = event.subresource();
        if (!("exec".equals(subresource) || "attach".equals(subresource))
                || !event.isPlatformServiceAccount()
                || !event.inTenantNamespace()
                || !event.isAllowed()
                || ignoreServiceAccounts.contains(event.actor().username())) {
            return;
        }
        String command = event.execCommand();
        List<Indicator> indicators = command == null ? List.of() : ExecSuspiciousCommand.indicators(command);
        String summary = Phrases.requestSummary(event);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(command == null ? summary : summary + ": " + Phrases.inline(command));
        if (!indicators.isEmpty()) {
            alert.severity(Severity.CRITICAL);
            List<String> labels = new ArrayList<>(indicators.size());
            for (Indicator indicator : indicators) {
                labels.add(indicator.label());
            }
            alert.detail("indicators: " + String.join(", ", labels));
        }
        if (command != null) {
            alert.detail("command: " + Phrases.redact(command));
        }
        alerts.accept(alert.build());
    }
}
