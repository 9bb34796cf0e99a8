package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code platform-token-for-tenant}: a platform service account (an add-on or controller of
 * kube-system or another platform namespace) mints a token for a tenant's service account, and the
 * API server allows it: {@code create serviceaccounts/NAME/token} in a tenant's namespace.
 *
 * <p>Why it matters: the token is the tenant workload's identity, usable from anywhere until it
 * expires, with every permission the tenant gave that service account (its secrets, its cloud
 * identity through workload identity federation). Kubelets mint such tokens for the pods they run;
 * an add-on does not. A platform service account doing it is a compromised add-on turning its
 * cluster-wide reach into a tenant's credentials, and {@code token-request}, which trusts platform
 * identities, stays quiet on it.
 *
 * <p>Does not fire for: nodes (the kubelet requests a token for every pod that mounts one); the
 * platform's people and AKS's identities (their token requests are {@code token-request}'s trust
 * decision); tokens for service accounts of platform or unmapped namespaces; the requesters of
 * {@code ignoreRequesters} (by default Istio ambient's ztunnel, which mints the tokens of the pods
 * on its node; add e.g. external-secrets when its ServiceAccountToken generator is in use); token
 * Secrets (the token controller creates them); denied or failed requests.
 */
public final class PlatformTokenForTenant extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "platform-token-for-tenant",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Credential Access",
            "T1528 Steal Application Access Token",
            "Platform service account minted a tenant's token");

    /** Istio ambient's node proxy requests the token of each pod it serves. */
    static final List<String> DEFAULT_IGNORED = List.of("system:serviceaccount:istio-system:ztunnel");

    static final ParamSpec IGNORE_REQUESTERS = ParamSpec.stringList(
            "ignoreRequesters",
            DEFAULT_IGNORED,
            "Platform service accounts that mint tenants' tokens by design (usernames, exact).");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(IGNORE_REQUESTERS), p -> new PlatformTokenForTenant(p.stringList(IGNORE_REQUESTERS)));

    private static final Trigger SERVICE_ACCOUNTS = Trigger.audit("serviceaccounts");

    private final Set<String> ignoreRequesters;

    /** The catalogue default: ztunnel is ignored. */
    public PlatformTokenForTenant() {
        this(DEFAULT_IGNORED);
    }

    public PlatformTokenForTenant(List<String> ignoreRequesters) {
        super(SPEC, SERVICE_ACCOUNTS);
        this.ignoreRequesters = Set.copyOf(ignoreRequesters);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"token".equals(event.subresource())
                || !"create".equals(event.verb())
                || !event.apiGroupIs("")
                || !event.isPlatformServiceAccount()
                || !event.inTenantNamespace()
                || !event.isAllowed()
                || ignoreRequesters.contains(event.actor().username())) {
            return;
        }
        String name = event.resourceName();
        alerts.accept(AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " requested a token for service account " + name
                        + RbacRequests.where(event))
                .detail("service account: " + event.namespace() + "/" + name)
                .detail("token: a bound token (TokenRequest), valid until it expires; the requester chose the lifetime")
                .authorizationDetail()
                .build());
    }
}
