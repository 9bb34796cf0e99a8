package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static final String ID = "token-request";

    @Test
    void theStratusTokenForTheAggregationControllerIsRaised() {
        // stratus k8s.persistence.create-token
        Alert alert = Detect.single(ID, RbacEvents.stratusCreateToken(DAVE).build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.resource())
                .isEqualTo(new Alert.AlertResource(
                        null, "serviceaccounts", "token", "clusterrole-aggregation-controller"));
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/api/v1/namespaces/kube-system/serviceaccounts/clusterrole-aggregation-controller/token");
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) requested a token for service account "
                        + "clusterrole-aggregation-controller in platform namespace kube-system");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "service account: kube-system/clusterrole-aggregation-controller",
                        "token: a bound token (TokenRequest), valid until it expires; the requester chose the lifetime",
                        "target: a platform service account: its token carries the platform's permissions",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"dave@fabrikam.com-binding\" of ClusterRole "
                                + "\"tenant-operator\" to User \"dave@fabrikam.com\"");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1528 Steal Application Access Token"));
    }

    @Test
    void aServiceAccountMintingAnotherOnesTokenIsSaidSo() {
        Alert other = Detect.single(
                ID,
                RbacEvents.by(ALPHA_DEPLOYER)
                        .create("serviceaccounts", "alpha-prod", "payments")
                        .subresource("token")
                        .build());
        Alert own = Detect.single(
                ID,
                RbacEvents.by(ALPHA_DEPLOYER)
                        .create("serviceaccounts", "alpha", "deployer")
                        .subresource("token")
                        .build());

        assertThat(other.evidence().details())
                .contains("requester: a service account asking for another service account's token");
        assertThat(own.evidence().details()).noneMatch(d -> d.startsWith("requester:"));
    }

    @Test
    void aLongLivedTokenSecretIsRaised() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ALICE)
                        .create("secrets", "alpha-prod", "deployer-token")
                        .secretType("kubernetes.io/service-account-token")
                        .build());

        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created a service-account token Secret "
                        + "deployer-token in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .startsWith("token: a long-lived token Secret: the token controller fills it "
                        + "with a token that never expires, valid until the Secret is deleted");
    }

    @Test
    void theCorpusTokenSecretOfTheTokenControllerIsQuiet() {
        // create_service_account_token_secret.json: system:kube-controller-manager, platform
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.createServiceAccountTokenSecret().build()))
                .isEmpty();
    }

    @Test
    void kubeletsAndPlatformServiceAccountsMintingTokensAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(NODE)
                                .create("serviceaccounts", "alpha-prod", "default")
                                .subresource("token")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(PROMETHEUS)
                                .create("serviceaccounts", "monitoring", "grafana")
                                .subresource("token")
                                .build()))
                .isEmpty();
    }

    @Test
    void otherSecretsReadsAndFailuresAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("secrets", "alpha-prod", "db")
                                .secretType("Opaque")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("secrets", "alpha-prod", "tls")
                                .secretType("kubernetes.io/tls")
                                .build()))
                .isEmpty();
        // Metadata level: the type is unknown
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("secrets", "alpha-prod", "unknown")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .get("serviceaccounts", "alpha-prod", "deployer")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("serviceaccounts", "alpha-prod", "new-sa")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.stratusCreateToken(DAVE).forbidden().build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.stratusCreateToken(DAVE).code(404).build()))
                .isEmpty();
    }
}
