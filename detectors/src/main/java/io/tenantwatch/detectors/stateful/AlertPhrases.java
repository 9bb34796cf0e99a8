package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.ResourceRef;
import java.time.Duration;
import java.util.List;

/**
 * {@link Phrases}' wording for findings that are written when a window closes or a sequence
 * completes, from what an observation kept rather than from the event, which is long gone by then. Called only when an alert is raised.
 */
final class AlertPhrases {

    private AlertPhrases() {}

    /** {@code alice@contoso.com (tenant alpha)}, {@code masterclient (admin)}, as {@link Phrases#actor}. */
    static String actor(Alert.AlertActor actor, List<String> actorTenants) {
        String username = actor == null || actor.username() == null ? "an unknown identity" : actor.username();
        StringBuilder out =
                new StringBuilder(username.length() + 32).append(username).append(" (");
        ActorClass actorClass =
                actor == null || actor.actorClass() == null ? ActorClass.UNATTRIBUTED : actor.actorClass();
        if (actorClass == ActorClass.TENANT_MEMBER && !actorTenants.isEmpty()) {
            out.append(actorTenants.size() == 1 ? "tenant " : "tenants ").append(String.join(", ", actorTenants));
        } else {
            out.append(actorClass.label());
        }
        if (actor != null && actor.impersonatedBy() != null) {
            out.append(", impersonated by ").append(actor.impersonatedBy());
        }
        return out.append(')').toString();
    }

    static String actor(Observation observation) {
        return actor(observation.actor(), observation.actorTenants());
    }

    /** {@code created deployments/web}, {@code exec'd into pods/web-1}, as {@link Phrases#request}. */
    static String request(Observation observation) {
        return request(observation.verb(), observation.resource(), observation.namespace());
    }

    static String request(String verb, Alert.AlertResource r, String namespace) {
        ResourceRef ref =
                r == null ? null : new ResourceRef(r.apiGroup(), r.resource(), r.subresource(), namespace, r.name());
        if (r != null
                && r.subresource() != null
                && "pods".equals(r.resource())
                && List.of("exec", "attach", "portforward").contains(r.subresource())) {
            return r.subresource().equals("exec")
                    ? "exec'd into " + Phrases.object(ref, false)
                    : r.subresource().equals("attach")
                            ? "attached to " + Phrases.object(ref, false)
                            : "port-forwarded to " + Phrases.object(ref, false);
        }
        return Phrases.pastTense(verb) + " " + Phrases.object(ref, true);
    }

    /** {@code namespace beta-prod of tenant beta}, as {@link Phrases#place}. */
    static String place(String namespace, String tenant) {
        if (namespace == null) {
            return "cluster scope";
        }
        if (NamespaceTenancy.PLATFORM_TENANT.equals(tenant)) {
            return "platform namespace " + namespace;
        }
        return tenant == null
                ? "namespace " + namespace + " (no tenant)"
                : "namespace " + namespace + " of tenant " + tenant;
    }

    /** A window or a delay as operators write it: {@code 10m}, {@code 60s}. */
    static String duration(Duration d) {
        return io.tenantwatch.detectors.config.DetectorConfigLoader.formatDuration(d);
    }

    /** Up to {@code max} items joined with commas, then how many more. */
    static String list(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }
}
