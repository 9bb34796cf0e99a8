package io.tenantwatch.detectors.testing;

import io.tenantwatch.schemas.Actor;
import java.util.Map;

/**
 * Writes that open or close the network of a namespace, as ingest normalizes them: Services with
 * their type and Azure load-balancer annotations, NetworkPolicies with whether they select every
 * pod and admit ingress from anywhere. The corpus Services are in {@link ControlPlaneEvents}.
 */
public final class NetworkEvents {

    public static final String AZURE_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
    /** The usual first policy of a tenant namespace: podSelector {}, policyTypes [Ingress], no rules. */
    public static final String DEFAULT_DENY = "default-deny-ingress";

    private NetworkEvents() {}

    /** A LoadBalancer Service; {@code annotations} are its service.beta.kubernetes.io/* ones. */
    public static AuditEvents.Builder loadBalancer(
            Actor actor, String namespace, String name, Map<String, String> annotations) {
        return ControlPlaneEvents.by(actor).create("services", namespace, name).service("LoadBalancer", annotations);
    }

    /** {@code service.beta.kubernetes.io/azure-load-balancer-internal: "true"}: a private IP in the cluster's VNet. */
    public static AuditEvents.Builder internalLoadBalancer(Actor actor, String namespace, String name) {
        return loadBalancer(actor, namespace, name, Map.of(AZURE_INTERNAL, "true"));
    }

    /** {@code kubectl create -f default-deny.yaml}: selects every pod, admits nothing (no ingress rules). */
    public static AuditEvents.Builder defaultDenyCreated(Actor actor, String namespace) {
        return ControlPlaneEvents.by(actor)
                .create("networkpolicies", namespace, DEFAULT_DENY)
                .networkPolicy(true, false);
    }

    /** {@code kubectl delete networkpolicy default-deny-ingress}. */
    public static AuditEvents.Builder defaultDenyDeleted(Actor actor, String namespace) {
        return ControlPlaneEvents.by(actor).delete("networkpolicies", namespace, DEFAULT_DENY);
    }

    /**
     * {@code kubectl patch networkpolicy default-deny-ingress --type merge -p '{"spec":{"ingress":[{}]}}'}:
     * the stored policy (responseObject) still selects every pod and now has a rule with no sources.
     */
    public static AuditEvents.Builder defaultDenyTurnedAllowAll(Actor actor, String namespace) {
        return ControlPlaneEvents.by(actor)
                .patch("networkpolicies", namespace, DEFAULT_DENY)
                .networkPolicy(true, true);
    }
}
