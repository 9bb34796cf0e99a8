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
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code csr-activity}: a non-platform identity creates a CertificateSigningRequest, or approves
 * one (update or patch of the {@code approval} subresource, what {@code kubectl certificate
 * approve} does), and the API server allows it.
 *
 * <p>Why it matters: a certificate the cluster CA signs is a credential for whatever user and
 * groups its subject names, valid until it expires and impossible to revoke. Outside node
 * bootstrapping, people and workloads have no reason to ask for one; requesting a client
 * certificate for {@code system:masters} or a node name and getting it approved is a persistent
 * admin credential that survives every RBAC clean-up. An approval by a non-platform identity is the
 * step that makes it real.
 *
 * <p>Does not fire for: platform identities (kubelets renewing their certificates as
 * {@code system:node:*}, the controller manager's CSR approver); requests that were denied or
 * failed; reads; the {@code status} subresource (the signer's work). Kubelet TLS bootstrapping
 * with a bootstrap token ({@code system:bootstrap:*}) is not a platform identity in the catalogue's
 * list and does raise; the details say so, so that an operator can add the exception.
 */
public final class CsrActivity extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "csr-activity",
            DetectorGroup.RBAC,
            Severity.MEDIUM,
            "Credential Access",
            "T1649 Steal or Forge Authentication Certificates",
            "Certificate signing request created or approved");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CsrActivity::new);

    static final String CERTIFICATES_GROUP = "certificates.k8s.io";
    static final String BOOTSTRAP_PREFIX = "system:bootstrap:";
    private static final Set<String> APPROVAL_VERBS = Set.of("update", "patch");
    private static final Trigger CSRS = Trigger.audit("certificatesigningrequests");

    public CsrActivity() {
        super(SPEC, CSRS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.apiGroupIs(CERTIFICATES_GROUP) || !event.isAllowed() || event.isPlatformActor()) {
            return;
        }
        boolean create = "create".equals(event.verb()) && event.subresource() == null;
        boolean approval = "approval".equals(event.subresource()) && APPROVAL_VERBS.contains(event.verb());
        if (!create && !approval) {
            return;
        }
        String name = event.resourceName();
        String object = "certificatesigningrequests" + (name == null ? "" : "/" + name);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + (create ? " created " : " approved or denied ") + object)
                .detail(
                        create
                                ? "request: a certificate for the identity its subject names; once approved and signed it "
                                        + "authenticates as that identity until it expires, and cannot be revoked"
                                : "approval: an approved request is signed by the cluster CA; one for system:masters or a node "
                                        + "name hands out that identity");
        Actor actor = event.actor();
        if (actor != null && actor.username() != null && actor.username().startsWith(BOOTSTRAP_PREFIX)) {
            alert.detail("requester: a bootstrap token (kubelet TLS bootstrapping): expected when a node joins, "
                    + "a stolen node credential otherwise");
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
