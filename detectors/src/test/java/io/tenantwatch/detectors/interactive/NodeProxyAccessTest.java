package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class NodeProxyAccessTest {

    private static final String AKS_NODE = "aks-nodepool1-38290378-vmss000000";
    private final NodeProxyAccess detector = new NodeProxyAccess();

    @Test
    void theStratusNodesProxyRequestIsRaised() {
        Alert alert = Detect.single(detector, InteractiveEvents.stratusNodesProxy(DAVE));

        assertThat(alert.detector()).isEqualTo("node-proxy-access");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isNull();
        assertThat(alert.resource().resource()).isEqualTo("nodes");
        assertThat(alert.resource().subresource()).isEqualTo("proxy");
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) reached the kubelet API of node "
                        + InteractiveEvents.STRATUS_NODE + " through nodes/proxy: GET /runningpods/");
        assertThat(alert.evidence().details())
                .containsExactly("node: " + InteractiveEvents.STRATUS_NODE, "kubelet request: GET /runningpods/");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/api/v1/nodes/" + InteractiveEvents.STRATUS_NODE + "/proxy/runningpods/");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1609 Container Administration Command"));
    }

    @Test
    void aTenantWorkloadRunningACommandThroughTheKubeletIsRaisedWithMethodAndPath() {
        Alert alert = Detect.single(
                detector,
                InteractiveEvents.nodeProxy(
                        ALPHA_DEPLOYER, "create", AKS_NODE, "/run/beta-prod/payments-api-6c9f7d8b4-k2x7q/api?cmd=id"));

        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) reached the kubelet API of node "
                        + AKS_NODE
                        + " through nodes/proxy: POST /run/beta-prod/payments-api-6c9f7d8b4-k2x7q/api?cmd=id");
        assertThat(alert.actorTenants()).containsExactly("alpha");
    }

    @Test
    void adminsAndTenantMembersAreRaisedAndAProxyWithoutAPathIsTheRoot() {
        assertThat(Detect.with(detector, InteractiveEvents.nodeProxy(MASTERCLIENT, "get", AKS_NODE, "/pods")))
                .hasSize(1);
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE)
                                        .proxy("nodes", null, AKS_NODE)
                                        .build())
                        .summary())
                .endsWith("through nodes/proxy: GET /");
    }

    @Test
    void aTokenInTheKubeletPathIsRedacted() {
        Alert alert = Detect.single(
                detector,
                InteractiveEvents.nodeProxy(
                        DAVE,
                        "create",
                        AKS_NODE,
                        "/exec/alpha-prod/web/web?command=curl&command=-H&command=Authorization%3A+Bearer+"
                                + "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl"));

        assertThat(alert.summary()).doesNotContain("eyJ");
        assertThat(alert.evidence().details()).allSatisfy(d -> assertThat(d).doesNotContain("eyJ"));
        assertThat(alert.evidence().requestURI()).doesNotContain("eyJ");
    }

    @Test
    void platformIdentitiesAreQuiet() {
        // the kubelet itself, AKS, a platform Prometheus scraping cAdvisor, metrics-server in kube-system
        assertThat(Detect.with(detector, InteractiveEvents.nodeProxy(NODE, "get", AKS_NODE, "/stats/summary")))
                .isEmpty();
        assertThat(Detect.with(detector, InteractiveEvents.nodeProxy(AKS_SERVICE, "get", AKS_NODE, "/healthz")))
                .isEmpty();
        assertThat(Detect.with(detector, InteractiveEvents.nodeProxy(PROMETHEUS, "get", AKS_NODE, "/metrics/cadvisor")))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        InteractiveEvents.nodeProxy(
                                Identities.serviceAccount("kube-system", "metrics-server"),
                                "get",
                                AKS_NODE,
                                "/metrics/resource")))
                .isEmpty();
    }

    @Test
    void refusedRequestsAndOtherNodeRequestsAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .proxy("nodes", null, AKS_NODE)
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE).get("nodes", null, AKS_NODE).build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector, AuditEvents.by(DAVE).list("nodes", null).build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .patch("nodes", null, AKS_NODE)
                                .subresource("status")
                                .build()))
                .isEmpty();
        // a pod or service proxy is another thing (cross-tenant-exec covers it across tenants)
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .proxy("services", "alpha-prod", "web:8080")
                                .build()))
                .isEmpty();
    }

    @Test
    void kubeletPaths() {
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/n1/proxy/runningpods/", "n1"))
                .isEqualTo("/runningpods/");
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/n1:10250/proxy/pods", "n1:10250"))
                .isEqualTo("/pods");
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/n1/proxy", "n1")).isEqualTo("/");
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/n1/proxy?timeout=5s", "n1"))
                .isEqualTo("/?timeout=5s");
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/proxy-node/proxy/logs/", "proxy-node"))
                .isEqualTo("/logs/");
        assertThat(RequestUris.kubeletPath("/api/v1/nodes/n1/status", "n1")).isNull();
        assertThat(RequestUris.kubeletPath(null, "n1")).isNull();
    }
}
