package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.config.ClusterRanges;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialFromOutsideTest {

    private static final String ID = "credential-from-outside";
    /** A VPS on the internet (documentation range). */
    private static final String VPS = "198.51.100.23";
    /** A token Secret's token: the API server records no pod and no credential id for it. */
    private static final Actor LEGACY_TOKEN = Identities.serviceAccount("beta-prod", "payments-api");

    private final CredentialFromOutside detector = new CredentialFromOutside();

    private static NormalizedEvent listsSecrets(Actor actor, String ip) {
        return AuditEvents.by(actor)
                .list("secrets", "beta-prod")
                .sourceIp(ip)
                .userAgent("kubectl/v1.30.4 (linux/amd64) kubernetes/a51b3b7")
                .build();
    }

    /** A bound token of a pod: pod name and credential id, as the API server reports them. */
    private static Actor boundToken() {
        return new Actor(
                LEGACY_TOKEN.username(),
                LEGACY_TOKEN.uid(),
                LEGACY_TOKEN.groups(),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                "beta-prod",
                "payments-api-6c9f7d8b4-k2x7q",
                "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c",
                null);
    }

    @Test
    void aLegacyTokenFromTheInternetIsRaised() {
        NormalizedEvent stolen = listsSecrets(LEGACY_TOKEN, VPS);

        Alert alert = Detect.single(detector, stolen);

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("beta");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:beta-prod:payments-api (tenant beta) used a service-account token "
                        + "without a credential id from 198.51.100.23, outside the cluster's address ranges (listed "
                        + "secrets in namespace beta-prod of tenant beta)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "source address: 198.51.100.23",
                        "credential: a legacy token (a token Secret, never expires) or another token without a "
                                + "credential id",
                        "cluster ranges: the default private, CGNAT, loopback and link-local ranges (set clusterRanges "
                                + "to the cluster's own)");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Initial Access", "T1078.004 Valid Accounts: Cloud Accounts"));
        assertThat(Detect.detectorsRaising(stolen)).contains(ID);
    }

    @Test
    void theKubeletsOwnRequestsThroughAPublicOutboundAddressAreQuiet() {
        // A cluster with a public API server endpoint: kubelets reach it through the outbound address.
        NormalizedEvent kubelet = AuditEvents.by(NODE)
                .get("secrets", "beta-prod", "payments-db")
                .sourceIp("20.61.18.4")
                .build();

        assertThat(kubelet.userAgent()).startsWith("kubelet/");
        assertThat(Detect.with(detector, kubelet)).isEmpty();
    }

    @Test
    void aNodeCredentialFromTheInternetIsRaisedAndEveryRequestOfAnIdentityIsOneFinding() {
        Alert secrets = Detect.single(detector, listsSecrets(NODE, VPS));
        Alert pods = Detect.single(
                detector,
                AuditEvents.by(NODE)
                        .list("pods", "alpha-prod")
                        .sourceIp(VPS)
                        .userAgent("python-requests/2.31.0")
                        .build());

        assertThat(secrets.summary())
                .startsWith(
                        "system:node:aks-nodepool1-38290378-vmss000000 (platform) used a node credential from " + VPS);
        assertThat(secrets.evidence().details()).contains("source address: " + VPS);
        assertThat(pods.fingerprint()).isEqualTo(secrets.fingerprint());
        assertThat(pods.id()).isNotEqualTo(secrets.id());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.244.1.23", // pod range
                "10.224.0.4", // AKS node subnet
                "172.31.16.64", // control plane
                "192.168.34.255",
                "100.64.3.7", // CGNAT: Azure CNI overlay, some VPNs
                "127.0.0.1",
                "169.254.1.1",
                "::1",
                "fd00:10:244::17",
                "fe80::1",
                "not-an-address"
            })
    void untunedAddressesOfPrivateRangesAreInside(String ip) {
        assertThat(Detect.with(detector, listsSecrets(LEGACY_TOKEN, ip))).isEmpty();
        assertThat(Detect.with(detector, listsSecrets(NODE, ip))).isEmpty();
    }

    @Test
    void boundTokensPeopleImpersonationAndFailedLoginsAreNotThisDetectors() {
        List<NormalizedEvent> quiet = List.of(
                // token-reuse checks bound tokens, once per credential
                listsSecrets(boundToken(), VPS),
                // people's laptops are outside by nature
                listsSecrets(ALICE, VPS),
                // the credential used is alice's, not the service account's
                listsSecrets(Identities.impersonating(LEGACY_TOKEN, "alice@contoso.com"), VPS),
                AuditEvents.by(LEGACY_TOKEN)
                        .list("secrets", "beta-prod")
                        .sourceIp(VPS)
                        .code(401)
                        .build());
        for (NormalizedEvent event : quiet) {
            assertThat(Detect.with(detector, event))
                    .as(event.actor().username() + " " + event.code())
                    .isEmpty();
        }
    }

    @Test
    void aDeniedRequestStillShowsTheCredentialOutside() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(LEGACY_TOKEN)
                                .list("secrets", "kube-system")
                                .sourceIp(VPS)
                                .forbidden()
                                .build()))
                .hasSize(1);
    }

    @Test
    void theOperatorsRangesReplaceTheDefault() {
        // the cluster's NAT gateway, which the API server sees for the nodes' traffic
        CredentialFromOutside tuned = new CredentialFromOutside(
                ClusterRanges.parse(List.of("10.224.0.0/16", "10.244.0.0/16", "20.61.0.0/16")));

        assertThat(Detect.with(tuned, listsSecrets(NODE, "20.61.18.4"))).isEmpty();
        Alert fromOffice = Detect.single(tuned, listsSecrets(LEGACY_TOKEN, "192.168.1.20"));
        assertThat(fromOffice.evidence().details())
                .contains("cluster ranges: 10.224.0.0/16, 10.244.0.0/16, 20.61.0.0/16");
        assertThat(Detect.with(new CredentialFromOutside(ClusterRanges.parse(List.of())), listsSecrets(NODE, VPS)))
                .as("an empty list: no address check")
                .isEmpty();
    }

    @Test
    void theDefaultIsTheStatedPrivateRanges() {
        assertThat(ClusterRanges.PRIVATE)
                .containsExactly(
                        "10.0.0.0/8",
                        "172.16.0.0/12",
                        "192.168.0.0/16",
                        "100.64.0.0/10",
                        "127.0.0.0/8",
                        "169.254.0.0/16",
                        "fc00::/7",
                        "::1/128",
                        "fe80::/10");
    }
}
