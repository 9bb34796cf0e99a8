package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTokenForTenantTest {

    private static final String ID = "platform-token-for-tenant";
    private static final Actor CLOUD_NODE_MANAGER = Identities.serviceAccount("kube-system", "cloud-node-manager");

    private static NormalizedEvent tokenFor(Actor requester, String namespace, String serviceAccount) {
        return RbacEvents.by(requester)
                .create("serviceaccounts", namespace, serviceAccount)
                .subresource("token")
                .build();
    }

    @Test
    void anAddOnMintingATenantsTokenIsRaisedAndTokenRequestStaysQuiet() {
        NormalizedEvent mint = tokenFor(CLOUD_NODE_MANAGER, "beta-prod", "payments-api");

        Alert alert = Detect.single(ID, mint);

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.resource())
                .isEqualTo(new Alert.AlertResource(null, "serviceaccounts", "token", "payments-api"));
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:kube-system:cloud-node-manager (platform) requested a token for "
                        + "service account payments-api in namespace beta-prod of tenant beta");
        assertThat(alert.evidence().details())
                .startsWith(
                        "service account: beta-prod/payments-api",
                        "token: a bound token (TokenRequest), valid until it expires; the requester chose the lifetime");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1528 Steal Application Access Token"));
        // token-request trusts platform identities: before this detector, nothing raised.
        assertThat(Detect.detectorsRaising(mint)).containsExactly(ID);
    }

    @Test
    void kubeletsPlatformToolsInTheirOwnNamespacesAndTheMeshAreQuiet() {
        List<NormalizedEvent> quiet = List.of(
                // the kubelet mints a token for every pod it runs that mounts one
                tokenFor(NODE, "beta-prod", "payments-api"),
                // platform tools minting tokens for their own accounts
                tokenFor(Identities.serviceAccount("cert-manager", "cert-manager"), "cert-manager", "cert-manager"),
                tokenFor(CLOUD_NODE_MANAGER, "kube-system", "cloud-node-manager"),
                tokenFor(Identities.serviceAccount("monitoring", "prometheus"), "monitoring", "prometheus"),
                ztunnelMints(),
                // unmapped namespaces are no tenant's
                tokenFor(CLOUD_NODE_MANAGER, "default", "default"));
        for (NormalizedEvent event : quiet) {
            assertThat(Detect.raisedBy(ID, event))
                    .as(event.actor().username() + " " + event.requestURI())
                    .isEmpty();
        }
    }

    @Test
    void peopleTenantsDenialsAndReadsAreNotThisDetectors() {
        assertThat(Detect.raisedBy(ID, tokenFor(PLATFORM_GITOPS, "beta-prod", "payments-api")))
                .isEmpty();
        NormalizedEvent tenant = tokenFor(ALPHA_DEPLOYER, "alpha-prod", "payments");
        assertThat(Detect.detectorsRaising(tenant)).contains("token-request").doesNotContain(ID);
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(CLOUD_NODE_MANAGER)
                                .create("serviceaccounts", "beta-prod", "payments-api")
                                .subresource("token")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(CLOUD_NODE_MANAGER)
                                .get("serviceaccounts", "beta-prod", "payments-api")
                                .build()))
                .isEmpty();
    }

    @Test
    void ignoredRequestersAreConfigurable() {
        NormalizedEvent mint = tokenFor(CLOUD_NODE_MANAGER, "beta-prod", "payments-api");

        assertThat(Detect.with(
                        new PlatformTokenForTenant(List.of("system:serviceaccount:kube-system:cloud-node-manager")),
                        mint))
                .isEmpty();
        assertThat(Detect.with(new PlatformTokenForTenant(List.of()), ztunnelMints()))
                .hasSize(1);
    }

    /** Istio ambient's ztunnel serves the pods of its node with their own identity; istio-system is platform. */
    private static NormalizedEvent ztunnelMints() {
        NormalizedEvent mint = RbacEvents.by(Identities.serviceAccount("istio-system", "ztunnel"))
                .create("serviceaccounts", "beta-prod", "payments-api")
                .subresource("token")
                .normalized();
        return TenancyFixtures.withPlatformNamespaces("istio-system").attribute(mint);
    }
}
