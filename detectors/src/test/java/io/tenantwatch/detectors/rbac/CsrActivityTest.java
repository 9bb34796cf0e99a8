package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrActivityTest {

    private static final String ID = "csr-activity";

    @Test
    void aPersonRequestingACertificateIsRaised() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(DAVE)
                        .create("certificatesigningrequests", null, "dave-admin")
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.evidence().requestURI()).isEqualTo("/apis/certificates.k8s.io/v1/certificatesigningrequests");
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) created certificatesigningrequests/dave-admin");
        assertThat(alert.evidence().details())
                .startsWith(
                        "request: a certificate for the identity its subject names; once "
                                + "approved and signed it authenticates as that identity until it expires, and cannot be revoked");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1649 Steal or Forge Authentication Certificates"));
    }

    @Test
    void anApprovalByANonPlatformIdentityIsRaised() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .update("certificatesigningrequests", null, "dave-admin")
                        .subresource("approval")
                        .build());

        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) approved or denied certificatesigningrequests/dave-admin");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/apis/certificates.k8s.io/v1/certificatesigningrequests/dave-admin/approval");
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .patch("certificatesigningrequests", null, "dave-admin")
                                .subresource("approval")
                                .build()))
                .hasSize(1);
    }

    @Test
    void anAksNodeJoiningOnAScaleOutIsQuiet() {
        assertThat(Detect.raisedBy(ID, RbacEvents.aksNodeBootstrapCsr().build()))
                .isEmpty();
        // the generic flow: a bootstrap token's CSR
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.BOOTSTRAP_TOKEN)
                                .create("certificatesigningrequests", null, "node-csr-Xv3oYk2aR6mP")
                                .userAgent("kubelet/v1.29.2 (linux/amd64) kubernetes/4b8e819")
                                .build()))
                .isEmpty();
    }

    @Test
    void aBootstrapIdentityApprovingIsRaisedAndTheListIsAParameter() {
        // the bootstrap flow never approves: the controller manager does
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(RbacEvents.AKS_NODE_BOOTSTRAP)
                                .update("certificatesigningrequests", null, "csr-8jx2q")
                                .subresource("approval")
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        new CsrActivity(List.of()),
                        RbacEvents.aksNodeBootstrapCsr().build()))
                .hasSize(1);
    }

    @Test
    void kubeletsAndTheControllerManagerAreQuiet() {
        // certificate rotation by the kubelet, auto-approval by the controller manager's CSR approver
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(NODE)
                                .create("certificatesigningrequests", null, "csr-7kq2x")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(Identities.serviceAccount("kube-system", "certificate-controller"))
                                .update("certificatesigningrequests", null, "csr-7kq2x")
                                .subresource("approval")
                                .build()))
                .isEmpty();
    }

    @Test
    void readsStatusWritesAndFailuresAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .get("certificatesigningrequests", null, "dave-admin")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .update("certificatesigningrequests", null, "dave-admin")
                                .subresource("status")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .delete("certificatesigningrequests", null, "dave-admin")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .update("certificatesigningrequests", null, "dave-admin")
                                .subresource("approval")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(DAVE)
                                .create("certificatesigningrequests", null, "dave-admin")
                                .code(422)
                                .build()))
                .isEmpty();
    }
}
