package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.testing.ControlPlaneEvents.CERT_MANAGER_CAINJECTOR;
import static io.tenantwatch.detectors.testing.ControlPlaneEvents.FLUX_KUSTOMIZE;
import static io.tenantwatch.detectors.testing.ControlPlaneEvents.GATEKEEPER_WEBHOOK;
import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionWebhookModifiedTest {

    private static final String ID = "admission-webhook-modified";

    @Test
    void deletingGatekeepersValidatingWebhookIsHigh() {
        NormalizedEvent event = ControlPlaneEvents.by(DAVE)
                .delete("validatingwebhookconfigurations", null, GATEKEEPER_WEBHOOK)
                .reason(
                        "RBAC: allowed by ClusterRoleBinding \"contractors-admin\" of ClusterRole \"cluster-admin\" to User \"dave@fabrikam.com\"")
                .build();

        Alert alert = Detect.single(ID, event);

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isNull();
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.UNATTRIBUTED);
        assertThat(alert.resource())
                .isEqualTo(new Alert.AlertResource(
                        "admissionregistration.k8s.io", "validatingwebhookconfigurations", null, GATEKEEPER_WEBHOOK));
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) deleted validatingwebhookconfigurations/"
                        + GATEKEEPER_WEBHOOK + " (validating admission webhook configuration, cluster-wide)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "admission object: validating admission webhook configuration",
                        "effect: the webhook no longer sees matching requests: its checks stop",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"contractors-admin\" of ClusterRole \"cluster-admin\""
                                + " to User \"dave@fabrikam.com\"");
        assertThat(alert.evidence().requestURI())
                .isEqualTo(
                        "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/" + GATEKEEPER_WEBHOOK);
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Defense Evasion", "T1562.001 Disable or Modify Tools"));
    }

    @Test
    void platformAutomationRewritingWebhooksIsQuiet() {
        // cert-manager's CA injector patches caBundle into its webhook configurations on every rotation
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(CERT_MANAGER_CAINJECTOR)
                                .patch("validatingwebhookconfigurations", null, "cert-manager-webhook")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(CERT_MANAGER_CAINJECTOR)
                                .patch("mutatingwebhookconfigurations", null, "cert-manager-webhook")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(AKS_SERVICE)
                                .update("mutatingwebhookconfigurations", null, "aks-webhook-admission-controller")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(FLUX_KUSTOMIZE)
                                .update("validatingwebhookconfigurations", null, GATEKEEPER_WEBHOOK)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(PLATFORM_GITOPS)
                                .delete("validatingadmissionpolicybindings", null, "deny-privileged-binding")
                                .build()))
                .isEmpty();
    }

    @Test
    void aTenantAddingAMutatingWebhookIsRaisedWithWhatItMeans() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(ALICE)
                        .create("mutatingwebhookconfigurations", null, "sidecar-injector")
                        .build());

        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.TENANT_MEMBER);
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created mutatingwebhookconfigurations/"
                        + "sidecar-injector (mutating admission webhook configuration, cluster-wide)");
        assertThat(alert.evidence().details())
                .contains("effect: the API server now sends every matching request, "
                        + "object included, to this webhook and applies the changes it returns");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mutatingwebhookconfigurations",
                "validatingwebhookconfigurations",
                "validatingadmissionpolicies",
                "validatingadmissionpolicybindings",
                "mutatingadmissionpolicies",
                "mutatingadmissionpolicybindings"
            })
    void everyAdmissionResourceAndEveryWriteVerbCounts(String resource) {
        for (String verb : new String[] {"create", "update", "patch", "delete"}) {
            assertThat(Detect.raisedBy(
                            ID,
                            ControlPlaneEvents.by(MASTERCLIENT)
                                    .request(verb, resource, null, "tenant-guard")
                                    .build()))
                    .as("%s %s", verb, resource)
                    .hasSize(1);
        }
        Alert all = Detect.single(
                ID,
                ControlPlaneEvents.by(MASTERCLIENT)
                        .deleteCollection(resource, null)
                        .build());
        assertThat(all.summary()).startsWith("masterclient (admin) deleted all " + resource + " (");
    }

    @Test
    void patchingAPolicyBindingSaysWhatMayHaveChanged() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .patch("validatingadmissionpolicybindings", null, "deny-privileged-binding")
                        .build());

        assertThat(alert.evidence().details())
                .contains(
                        "admission object: validating admission policy binding",
                        "effect: where the policy applies, or whether it denies or only warns and audits, may have changed");
    }

    @Test
    void readsRefusalsFailuresAndStatusWritesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .get("validatingwebhookconfigurations", null, GATEKEEPER_WEBHOOK)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .list("mutatingwebhookconfigurations", null)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .delete("validatingwebhookconfigurations", null, GATEKEEPER_WEBHOOK)
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .delete("validatingwebhookconfigurations", null, "already-gone")
                                .code(404)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .create("mutatingwebhookconfigurations", null, "sidecar-injector")
                                .code(409)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .create("validatingadmissionpolicies", null, "bad-cel")
                                .code(422)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(MASTERCLIENT)
                                .update("validatingadmissionpolicies", null, "deny-privileged")
                                .subresource("status")
                                .build()))
                .isEmpty();
    }

    @Test
    void aResourceOfTheSameNameInAnotherGroupIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(DAVE)
                                .delete("validatingwebhookconfigurations", null, "x")
                                .apiGroup("webhooks.example.com")
                                .build()))
                .isEmpty();
    }
}
