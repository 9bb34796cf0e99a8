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
import java.util.function.Consumer;

/**
 * {@code access-review-by-workload}: a non-platform service account asks the API server what it
 * may do: it creates a SelfSubjectRulesReview ({@code kubectl auth can-i --list}) or a
 * SelfSubjectAccessReview ({@code kubectl auth can-i VERB RESOURCE}), and the API server allows it.
 *
 * <p>Why it matters: applications know their permissions and do not ask. Someone who has a shell in
 * a pod and has found its mounted token does: "what can this token do?" is the first question after
 * stealing one, and tools such as peirates and kube-hunter ask it. Low severity alone; next to a
 * Falco shell alert in the same pod ({@code runtime-then-api}) it is the attacker's second step.
 * The details name the pod the token belongs to, when the token is a bound one.
 *
 * <p>Does not fire for: people (a developer running {@code kubectl auth can-i} is routine); platform
 * service accounts; impersonated requests (an operator checking a service account's permissions
 * with {@code --as} is an audit habit, not a workload probing; a privileged impersonation raises
 * {@code privileged-impersonation}); SubjectAccessReviews and LocalSubjectAccessReviews, which
 * webhooks and aggregated API servers create for others; requests that were denied or failed.
 */
public final class AccessReviewByWorkload extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "access-review-by-workload",
            DetectorGroup.RBAC,
            Severity.LOW,
            "Discovery",
            "T1069 Permission Groups Discovery",
            "Workload checked its own permissions");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, AccessReviewByWorkload::new);

    static final String AUTHORIZATION_GROUP = "authorization.k8s.io";
    static final String RULES_REVIEW = "selfsubjectrulesreviews";
    private static final Trigger SELF_REVIEWS = Trigger.audit(RULES_REVIEW, "selfsubjectaccessreviews");

    public AccessReviewByWorkload() {
        super(SPEC, SELF_REVIEWS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Actor actor = event.actor();
        if (!"create".equals(event.verb())
                || !event.apiGroupIs(AUTHORIZATION_GROUP)
                || !RbacRequests.isServiceAccount(actor)
                || actor.impersonatedBy() != null
                || !event.isAllowed()
                || event.isPlatformActor()) {
            return;
        }
        boolean list = RULES_REVIEW.equals(event.resource());
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event)
                        + (list
                                ? " listed its own permissions (kubectl auth can-i --list)"
                                : " checked one of its own permissions (kubectl auth can-i)")
                        + (actor.podName() == null ? "" : " from pod " + actor.podName()))
                .detail("review: " + event.resource()
                        + (list
                                ? ": every permission of the caller in a namespace"
                                : ": whether the caller may do one thing"));
        if (actor.podName() != null) {
            alert.detail("pod: " + actor.serviceAccountNamespace() + "/" + actor.podName()
                    + " (the pod the token was issued to)");
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
