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
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import java.util.List;
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
 * failed; reads; the {@code status} subresource (the signer's work); and the CSR a joining node
 * creates with its bootstrap credential (kubelet TLS bootstrapping): a username among
 * {@code nodeBootstrapUsers}, by default AKS's {@code kubelet-nodepool-bootstrap} and bootstrap
 * tokens ({@code system:bootstrap:*}). That credential can do nothing but ask for a node client
 * certificate, which the controller manager approves only for the node's own identity, and on AKS it
 * does so for every node of every scale-out. An approval by a bootstrap identity still raises: the
 * flow never needs one.
 */
public final class CsrActivity extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "csr-activity",
            DetectorGroup.RBAC,
            Severity.MEDIUM,
            "Credential Access",
            "T1649 Steal or Forge Authentication Certificates",
            "Certificate signing request created or approved");

    /** The catalogue default for {@code nodeBootstrapUsers}: AKS's node bootstrap identity and bootstrap tokens. */
    public static final List<String> DEFAULT_NODE_BOOTSTRAP_USERS =
            List.of("kubelet-nodepool-bootstrap", "system:bootstrap:*");

    static final ParamSpec NODE_BOOTSTRAP_USERS = ParamSpec.stringList(
            "nodeBootstrapUsers",
            DEFAULT_NODE_BOOTSTRAP_USERS,
            "Usernames (globs) of node bootstrap credentials whose CSR creates are a node joining, not a finding.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(NODE_BOOTSTRAP_USERS), p -> new CsrActivity(p.stringList(NODE_BOOTSTRAP_USERS)));

    static final String CERTIFICATES_GROUP = "certificates.k8s.io";
    private static final Set<String> APPROVAL_VERBS = Set.of("update", "patch");
    private static final Trigger CSRS = Trigger.audit("certificatesigningrequests");

    private final List<Glob> nodeBootstrapUsers;

    /** The catalogue default: quiet for {@link #DEFAULT_NODE_BOOTSTRAP_USERS}. */
    public CsrActivity() {
        this(DEFAULT_NODE_BOOTSTRAP_USERS);
    }

    /** @param nodeBootstrapUsers username globs whose CSR creates are node bootstrapping */
    public CsrActivity(List<String> nodeBootstrapUsers) {
        super(SPEC, CSRS);
        this.nodeBootstrapUsers = nodeBootstrapUsers.stream().map(Glob::compile).toList();
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.apiGroupIs(CERTIFICATES_GROUP) || !event.isAllowed() || event.isPlatformActor()) {
            return;
        }
        boolean create = "create".equals(event.verb()) && event.subresource() == null;
        boolean approval = "approval".equals(event.subresource()) && APPROVAL_VERBS.contains(event.verb());
        if ((!create && !approval) || (create && isNodeBootstrap(event.actor()))) {
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
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    private boolean isNodeBootstrap(Actor actor) {
        return actor != null && Glob.anyMatches(nodeBootstrapUsers, actor.username());
    }
}
