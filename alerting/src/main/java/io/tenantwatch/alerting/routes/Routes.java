package io.tenantwatch.alerting.routes;

import io.tenantwatch.alerting.delivery.DeliveryPolicy;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.alerting.suppress.SuppressionPolicy;
import io.tenantwatch.schemas.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded routes file ({@link RoutesLoader}): suppression and delivery settings, the named sinks
 * and the ordered routes. Routing works like Alertmanager's: routes are tried in order, the first
 * that matches decides unless it says {@code continue}, and an alert reaches each sink at most
 * once however many routes name it.
 */
public record Routes(
        String source,
        SuppressionPolicy suppression,
        DeliveryPolicy delivery,
        Map<String, SinkConfig> sinks,
        List<Route> routes) {

    public Routes {
        sinks = Map.copyOf(sinks);
        routes = List.copyOf(routes);
    }

    /** The sink names for this alert, in route order, each once; empty when no route matches. */
    public List<String> sinksFor(Alert alert) {
        List<String> out = null;
        for (Route route : routes) {
            if (!route.match().matches(alert)) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(route.sinks().size());
            }
            for (String sink : route.sinks()) {
                if (!out.contains(sink)) {
                    out.add(sink);
                }
            }
            if (!route.continueMatching()) {
                break;
            }
        }
        return out == null ? List.of() : out;
    }
}
