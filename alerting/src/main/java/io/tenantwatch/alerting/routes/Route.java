package io.tenantwatch.alerting.routes;

import java.util.List;

/**
 * One entry of {@code routes:}: when {@code match} holds, the alert goes to {@code sinks}; the
 * search stops at the first matching route unless it says {@code continue: true}.
 */
public record Route(String name, RouteMatch match, List<String> sinks, boolean continueMatching) {

    public Route {
        sinks = List.copyOf(sinks);
    }
}
