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
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.function.Consumer;

/**
 * {@code token-request}: a non-platform identity mints a service-account credential, and the API
 * server allows it: a TokenRequest ({@code create serviceaccounts/token}, what
 * {@code kubectl create token} does), or a new Secret of type
 * {@code kubernetes.io/service-account-token}, which the token controller fills with a token that
 * never expires.
 *
 * <p>Why it matters: the token is a credential for the service account, usable from anywhere the
 * API server is reachable, outside any pod and after the requester loses access: a bound token
 * lives until it expires (the requester picks the lifetime), a token Secret until someone deletes
 * it. Asking for a kube-system controller's token ({@code clusterrole-aggregation-controller} can
 * escalate any role) is the Stratus Red Team technique "Create Long-Lived Token"; the details say
 * when the service account is a platform one.
 *
 * <p>Does not fire for: platform identities (kubelets request a token for every pod that mounts one,
 * the token controller creates token Secrets); reads; requests that were denied or failed;
 * Secrets of any other type, or whose type the event does not carry: an audit policy that logs
 * Secrets at Metadata level (the usual choice, a Secret's body must not reach a log) leaves the
 * TokenRequest half of this detector only.
 */
public final class TokenRequest extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "token-request",
            DetectorGroup.RBAC,
            Severity.MEDIUM,
            "Credential Access",
            "T1528 Steal Application Access Token",
            "Service-account token minted");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, TokenRequest::new);

    static final String TOKEN_SECRET_TYPE = "kubernetes.io/service-account-token";
    private static final Trigger TOKENS = Trigger.audit("serviceaccounts", "secrets");

    public TokenRequest() {
        super(SPEC, TOKENS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"create".equals(event.verb()) || !event.apiGroupIs("") || !event.isAllowed() || event.isPlatformActor()) {
            return;
        }
        boolean tokenRequest = "serviceaccounts".equals(event.resource()) && "token".equals(event.subresource());
        boolean tokenSecret = "secrets".equals(event.resource()) && event.subresource() == null && isTokenSecret(event);
        if (!tokenRequest && !tokenSecret) {
            return;
        }
        String name = event.resourceName();
        String summary = tokenRequest
                ? " requested a token for service account " + name
                : " created a service-account token Secret" + (name == null ? "" : " " + name);
        AlertBuilder alert =
                AlertBuilder.of(SPEC, event).summary(Phrases.actor(event) + summary + RbacRequests.where(event));
        if (tokenRequest) {
            alert.detail("service account: " + event.namespace() + "/" + name)
                    .detail(
                            "token: a bound token (TokenRequest), valid until it expires; the requester chose the lifetime");
        } else {
            alert.detail(
                    "token: a long-lived token Secret: the token controller fills it with a token that never expires, "
                            + "valid until the Secret is deleted");
        }
        if (event.inPlatformNamespace()) {
            alert.detail("target: a platform service account: its token carries the platform's permissions");
        }
        Actor actor = event.actor();
        if (tokenRequest
                && RbacRequests.isServiceAccount(actor)
                && !(RbacRequests.SERVICE_ACCOUNT_PREFIX + event.namespace() + ":" + name).equals(actor.username())) {
            alert.detail("requester: a service account asking for another service account's token");
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    private static boolean isTokenSecret(EventContext event) {
        Facts.Secret secret = event.event().facts().secret();
        return secret != null && TOKEN_SECRET_TYPE.equals(secret.type());
    }
}
