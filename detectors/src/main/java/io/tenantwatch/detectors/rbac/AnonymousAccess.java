package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code anonymous-access}: the API server allows a request made without credentials (username
 * {@code system:anonymous}) to anything but its health and version endpoints: {@code /healthz},
 * {@code /livez}, {@code /readyz}, {@code /version}, their sub-paths ({@code /readyz/ping},
 * {@code /healthz/etcd}) and any query string ({@code /livez?verbose}).
 *
 * <p>Why it matters: an unauthenticated request that succeeds means an RBAC binding grants
 * something to {@code system:anonymous} or {@code system:unauthenticated} (the classic mistake is a
 * ClusterRoleBinding of cluster-admin to the anonymous user); anyone who can reach the API server
 * has that access, and an internet-facing AKS API server is reachable by everyone. The details name
 * the binding that allowed it (the authorization reason), which is the thing to delete. It matches
 * Falco's "Anonymous Request Allowed".
 *
 * <p>Decided by the username, as the row says, whatever class the tenancy file gives it. Does not
 * fire for: the health and version endpoints above (load balancers and probes call them
 * unauthenticated by design, and {@code system:public-info-viewer} allows it); denied anonymous
 * requests (anonymous auth on, nothing granted: the safe default); failed requests; authenticated
 * identities.
 */
public final class AnonymousAccess extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "anonymous-access",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Initial Access",
            "T1078.001 Default Accounts",
            "Anonymous request allowed");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, AnonymousAccess::new);

    static final String ANONYMOUS = "system:anonymous";
    /** Unauthenticated health and version endpoints; each covers its sub-paths. */
    static final List<String> PUBLIC_PATHS = List.of("/healthz", "/livez", "/readyz", "/version");

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    public AnonymousAccess() {
        super(SPEC, ANY_AUDIT);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Actor actor = event.actor();
        if (actor == null
                || !ANONYMOUS.equals(actor.username())
                || !event.isAllowed()
                || isPublic(event.requestPath())) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + RbacRequests.request(event) + RbacRequests.where(event))
                .detail("unauthenticated: the API server accepted a request without credentials, and RBAC allowed it; "
                        + "look for bindings to system:anonymous or system:unauthenticated");
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    /** The path (the request URI without its query) is a health or version endpoint or below one. */
    public static boolean isPublic(String path) {
        if (path == null) {
            return false;
        }
        for (String p : PUBLIC_PATHS) {
            if (path.equals(p) || (path.startsWith(p) && path.charAt(p.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
