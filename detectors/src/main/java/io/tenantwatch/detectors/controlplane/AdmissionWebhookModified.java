package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code admission-webhook-modified}: a non-platform identity creates, changes or deletes a
 * mutating or validating webhook configuration, a validating (or mutating) admission policy, or a
 * binding of one ({@code admissionregistration.k8s.io}), and the API server allows it.
 *
 * <p>Why it matters: admission control is where a multi-tenant cluster enforces its rules (Pod
 * Security, Gatekeeper or Kyverno, registry pinning, tenant isolation). Deleting a validating
 * webhook or policy, or narrowing its rules or setting {@code failurePolicy: Ignore}, silently turns
 * those rules off for everyone; a new mutating webhook sees, and may rewrite, every object that
 * matches it, Secrets and pod specs included, and can inject a sidecar into every tenant's pods.
 * These objects are cluster-scoped: no tenant should ever write them.
 *
 * <p>Does not fire for: platform identities (AKS's own webhooks, cert-manager's CA injector patching
 * {@code caBundle}, the platform's GitOps operator); reads; writes that were denied or failed;
 * {@code status} subresource writes (the API server's type checker reporting on a policy changes no
 * enforcement); resources of the same name in another API group.
 */
public final class AdmissionWebhookModified extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "admission-webhook-modified",
            DetectorGroup.CONTROL_PLANE,
            Severity.HIGH,
            "Defense Evasion",
            "T1562.001 Disable or Modify Tools",
            "Admission webhook or policy modified");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, AdmissionWebhookModified::new);

    static final String API_GROUP = "admissionregistration.k8s.io";

    /** Resource → what an analyst calls it. */
    private static final Map<String, String> KINDS = Map.of(
            "mutatingwebhookconfigurations", "mutating admission webhook configuration",
            "validatingwebhookconfigurations", "validating admission webhook configuration",
            "validatingadmissionpolicies", "validating admission policy",
            "validatingadmissionpolicybindings", "validating admission policy binding",
            "mutatingadmissionpolicies", "mutating admission policy",
            "mutatingadmissionpolicybindings", "mutating admission policy binding");

    private static final Trigger TRIGGER = Trigger.audit(KINDS.keySet().toArray(String[]::new));

    public AdmissionWebhookModified() {
        super(SPEC, TRIGGER);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.isAllowedWriteByNonPlatform() || event.subresource() != null || !event.apiGroupIs(API_GROUP)) {
            return;
        }
        String kind = KINDS.get(event.resource());
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + " (" + kind + ", cluster-wide)")
                .detail("admission object: " + kind)
                .detail("effect: " + effect(event.resource(), event.verb()));
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    /** What the write does to admission control, in the words of an incident note. */
    static String effect(String resource, String verb) {
        boolean delete = "delete".equals(verb) || "deletecollection".equals(verb);
        boolean create = "create".equals(verb);
        if (resource.endsWith("webhookconfigurations")) {
            boolean mutating = resource.startsWith("mutating");
            if (delete) {
                return mutating
                        ? "the webhook no longer sees matching requests: its mutations stop"
                        : "the webhook no longer sees matching requests: its checks stop";
            }
            if (create) {
                return "the API server now sends every matching request, object included, to this webhook"
                        + (mutating ? " and applies the changes it returns" : "");
            }
            return "which requests reach the webhook, where it is served, or whether it fails open may have changed";
        }
        if (resource.endsWith("bindings")) {
            if (delete) {
                return "the policy no longer applies where this binding applied it";
            }
            return create
                    ? "a policy now applies to the matched resources, with the binding's actions"
                    : "where the policy applies, or whether it denies or only warns and audits, may have changed";
        }
        if (delete) {
            return "the policy's rules no longer apply";
        }
        return create
                ? "new in-process admission rules apply to matching requests"
                : "what the policy matches or enforces may have changed";
    }
}
