package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.NetworkEvents.AZURE_INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.NetworkEvents;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceExposedTest {

    private static final String ID = "service-exposed";

    @Test
    void theCorpusNodePortServiceIsRaised() {
        // create_nginx_service_nodeport.json (Falco: Create NodePort Service)
        Alert alert = Detect.single(ID, ControlPlaneEvents.nodePortServiceCorpus());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isEqualTo("default");
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ADMIN);
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created services/nginx in namespace default (no tenant), "
                        + "exposed as NodePort on every node");
        assertThat(alert.evidence().details()).containsExactly("type: NodePort");
        assertThat(alert.evidence().auditIds()).containsExactly("ceba9ec7-50b5-4bde-8b27-5909df9b35c9");
        assertThat(alert.evidence().sourceIPs()).containsExactly("192.168.99.1");
        assertThat(alert.evidence().requestURI()).isEqualTo("/api/v1/namespaces/default/services");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Persistence", "T1133 External Remote Services"));
    }

    @Test
    void theCorpusClusterIpServiceIsQuiet() {
        // create_nginx_service_nonodeport.json: Falco's negative case
        assertThat(Detect.raisedBy(ID, ControlPlaneEvents.clusterIpServiceCorpus()))
                .isEmpty();
    }

    @Test
    void aPublicLoadBalancerInATenantNamespaceIsRaised() {
        Alert alert = Detect.single(
                ID,
                NetworkEvents.loadBalancer(
                                ALPHA_DEPLOYER,
                                "alpha-prod",
                                "shop",
                                Map.of("service.beta.kubernetes.io/azure-dns-label-name", "alpha-shop"))
                        .build());

        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) created services/shop in "
                        + "namespace alpha-prod of tenant alpha, exposed on a public LoadBalancer");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "type: LoadBalancer",
                        AZURE_INTERNAL + ": (not set)",
                        "service.beta.kubernetes.io/azure-dns-label-name: alpha-shop",
                        "authorization: RBAC: allowed by RoleBinding \"services-access/alpha-prod\" of ClusterRole \"edit\" to "
                                + "ServiceAccount \"system:serviceaccount:alpha:deployer\"");
    }

    @Test
    void anInternalLoadBalancerIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.internalLoadBalancer(ALPHA_DEPLOYER, "alpha-prod", "shop-internal")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("services", "alpha-prod", "shop-internal")
                                .service("LoadBalancer", Map.of(AZURE_INTERNAL, "true"))
                                .build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "True", "yes", ""})
    void onlyTheExactValueTrueMakesItInternal(String value) {
        // the Azure cloud provider compares with "true"; anything else gets a public IP
        Alert alert = Detect.single(
                ID,
                NetworkEvents.loadBalancer(ALICE, "alpha-prod", "shop", Map.of(AZURE_INTERNAL, value))
                        .build());

        assertThat(alert.evidence().details()).contains(AZURE_INTERNAL + ": " + value);
    }

    @Test
    void turningAnExistingServiceIntoANodePortIsRaised() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(ALICE)
                        .patch("services", "alpha-prod", "api")
                        .service("NodePort", Map.of())
                        .build());

        assertThat(alert.summary())
                .contains("patched services/api in namespace alpha-prod of tenant alpha, exposed as NodePort");
    }

    @Test
    void thePlatformsIngressLoadBalancerIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        NetworkEvents.loadBalancer(
                                        PLATFORM_GITOPS, "ingress-nginx", "ingress-nginx-controller", Map.of())
                                .build()))
                .isEmpty();
    }

    @Test
    void deletesStatusWritesUnknownTypesAndFailuresAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .delete("services", "alpha-prod", "nodeport")
                                .build()))
                .isEmpty();
        // the cloud controller writing the load balancer's IP into status
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("services", "alpha-prod", "shop")
                                .subresource("status")
                                .service("LoadBalancer", Map.of())
                                .build()))
                .isEmpty();
        // a merge patch that only touches labels: no type to judge
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("services", "alpha-prod", "shop")
                                .service(null, Map.of())
                                .build()))
                .isEmpty();
        // Metadata-level audit: no body, no facts
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("services", "alpha-prod", "shop")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("services", "beta-prod", "shop")
                                .service("NodePort", Map.of())
                                .forbidden()
                                .build()))
                .isEmpty();
        // spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("services", "alpha-prod", "shop")
                                .service("NodePort", Map.of())
                                .code(422)
                                .build()))
                .isEmpty();
    }
}
