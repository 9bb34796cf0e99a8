package io.tenantwatch.detectors.testing;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.events.PodSpecs;

/**
 * Group C fixtures: the interactive requests as the API server audits them (nodes/proxy with the
 * kubelet path in the URI, {@code kubectl debug}'s ephemeral-container patch, WebSocket
 * port-forwards naming their ports) and the Stratus Red Team samples in {@code corpus/stratus}.
 */
public final class InteractiveEvents {

    /** A debug image as {@code kubectl debug --image} names it. */
    public static final String DEBUG_IMAGE = "docker.io/library/busybox:1.36";
    /** The pod of the Stratus "steal service account token" sample. */
    public static final String STRATUS_POD = "stratus-red-team-sample-pod";

    public static final String STRATUS_NAMESPACE = "stratus-red-team-ubdaslyp";
    /** The node of the Stratus "nodes/proxy" sample (an EKS node name). */
    public static final String STRATUS_NODE = "ip-192-168-34-255.eu-west-1.compute.internal";

    private InteractiveEvents() {}

    /**
     * {@code kubectl get --raw /api/v1/nodes/NODE/proxy/PATH} (verb get), or another verb for a
     * POST/PUT through the proxy: objectRef nodes/NODE/proxy, the kubelet path in the request URI.
     */
    public static NormalizedEvent nodeProxy(Actor actor, String verb, String node, String kubeletPath) {
        NormalizedEvent event =
                AuditEvents.by(actor).proxy("nodes", null, node).verb(verb).normalized();
        return TenancyFixtures.ATTRIBUTOR.attribute(
                withRequestURI(event, "/api/v1/nodes/" + node + "/proxy" + kubeletPath));
    }

    /** k8s.privilege-escalation.nodes-proxy: get nodes/proxy /runningpods/ on an EKS node. */
    public static NormalizedEvent stratusNodesProxy(Actor actor) {
        return nodeProxy(actor, "get", STRATUS_NODE, "/runningpods/");
    }

    /**
     * k8s.credential-access.steal-serviceaccount-token: {@code kubectl exec stratus-red-team-sample-pod --
     * cat /var/run/secrets/kubernetes.io/serviceaccount/token}, with the sample's request URI.
     */
    public static AuditEvents.Builder stratusStealServiceAccountToken(Actor actor) {
        return AuditEvents.by(actor)
                .exec(STRATUS_NAMESPACE, STRATUS_POD)
                .query(
                        "command=cat&command=%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&stdout=true");
    }

    /**
     * {@code kubectl debug -it POD --image=busybox:1.36 --target=web}: a strategic-merge patch of
     * pods/POD/ephemeralcontainers; the stored pod (responseObject) lists the debug image after
     * the workload's.
     */
    public static AuditEvents.Builder debug(Actor actor, String namespace, String pod) {
        return AuditEvents.by(actor)
                .patch("pods", namespace, pod)
                .subresource("ephemeralcontainers")
                .podSpec(WorkloadEvents.spec()
                        .images(PodSpecs.WEB_IMAGE, DEBUG_IMAGE)
                        .build());
    }

    /** {@code kubectl port-forward POD PORT…} over WebSocket (kubectl 1.30+): the ports are in the query. */
    public static AuditEvents.Builder portForwardWithPorts(Actor actor, String namespace, String pod, int... ports) {
        StringBuilder query = new StringBuilder();
        for (int port : ports) {
            query.append(query.length() == 0 ? "" : "&").append("ports=").append(port);
        }
        return AuditEvents.by(actor).portForward(namespace, pod).verb("get").query(query.toString());
    }

    private static NormalizedEvent withRequestURI(NormalizedEvent e, String requestURI) {
        return new NormalizedEvent(
                e.id(),
                e.source(),
                e.cluster(),
                e.clusterResourceId(),
                e.time(),
                e.auditId(),
                e.stage(),
                e.actor(),
                e.verb(),
                e.resource(),
                requestURI,
                e.decision(),
                e.code(),
                e.sourceIPs(),
                e.userAgent(),
                e.annotations(),
                e.facts(),
                e.falco(),
                e.targetTenant(),
                e.actorTenants(),
                e.tenancySource());
    }
}
