package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Instant;
import java.util.List;

/**
 * The audit side of {@code runtime-then-api}, as its join keeps it for the window: what the alert
 * needs from the request and nothing else (every API request made with a pod's token waits in
 * the join store for a minute and more, so its size matters).
 */
record ApiRequest(
        String auditId,
        Instant time,
        Alert.AlertActor actor,
        List<String> actorTenants,
        String verb,
        Alert.AlertResource resource,
        String namespace,
        String tenant,
        List<String> sourceIPs,
        String userAgent,
        String requestURI) {

    ApiRequest {
        actorTenants = actorTenants == null ? List.of() : actorTenants;
        sourceIPs = sourceIPs == null ? List.of() : sourceIPs;
    }

    static ApiRequest of(Alert observation) {
        Alert.Evidence e = observation.evidence();
        return new ApiRequest(
                Observations.auditId(observation),
                observation.time(),
                observation.actor(),
                observation.actorTenants(),
                observation.verb(),
                observation.resource(),
                observation.namespace(),
                observation.tenant(),
                e.sourceIPs(),
                e.userAgent(),
                e.requestURI());
    }
}
