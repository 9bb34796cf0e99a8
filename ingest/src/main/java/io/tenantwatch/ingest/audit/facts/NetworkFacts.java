package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.NetworkPolicy;
import io.tenantwatch.schemas.Facts.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a write opens or closes the network: Services (service-exposed), NetworkPolicies. */
final class NetworkFacts {

    /** Azure's load-balancer settings, e.g. azure-load-balancer-internal. */
    private static final String SERVICE_ANNOTATION_PREFIX = "service.beta.kubernetes.io/";

    private NetworkFacts() {}

    static Service service(JsonNode service) {
        Map<String, String> annotations = new LinkedHashMap<>();
        Nodes.textEntries(service.path("metadata").path("annotations")).forEach((key, value) -> {
            if (key.startsWith(SERVICE_ANNOTATION_PREFIX)) {
                annotations.put(key, value);
            }
        });
        return new Service(Nodes.text(service.path("spec").path("type")), annotations);
    }

    /**
     * Only what the body carries counts: a patch that does not touch podSelector does not "select
     * all pods" (podSelector is always serialized, as {} when it selects everything).
     */
    static NetworkPolicy networkPolicy(JsonNode policy) {
        JsonNode spec = policy.path("spec");
        JsonNode selector = spec.path("podSelector");
        boolean selectsAll = selector.isObject()
                && isEmpty(selector.path("matchLabels"))
                && isEmpty(selector.path("matchExpressions"));
        boolean allowsAll = false;
        for (JsonNode rule : Nodes.elements(spec.path("ingress"))) {
            // A rule without sources (no "from", or an empty one) admits traffic from everywhere.
            allowsAll |= rule.isObject() && isEmpty(rule.path("from"));
        }
        return new NetworkPolicy(selectsAll, allowsAll);
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }
}
