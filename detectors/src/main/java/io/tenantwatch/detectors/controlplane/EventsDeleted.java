package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code events-deleted}: a non-platform identity deletes Kubernetes Events, one
 * ({@code delete}) or a namespace's worth ({@code deletecollection}), through the core API or
 * {@code events.k8s.io}, and the API server allows it.
 *
 * <p>Why it matters: Events are what a tenant and the platform team read first when something
 * breaks: failed mounts, image pulls, evictions, admission refusals, the pods a controller created.
 * They expire on their own after an hour; people and workloads have no reason to delete them, so a
 * deletion is someone removing the traces of what they just did before anyone looks.
 *
 * <p>Does not fire for: platform identities (the namespace controller empties a namespace's Events
 * when the namespace is deleted; the API server's own expiry makes no request at all); creates,
 * updates and reads of Events; deletions that were denied or failed (a 404 for an Event that had
 * already expired); custom resources named {@code events} in other API groups.
 */
public final class EventsDeleted extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "events-deleted",
            DetectorGroup.CONTROL_PLANE,
            Severity.MEDIUM,
            "Defense Evasion",
            "T1070 Indicator Removal",
            "Kubernetes events deleted");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, EventsDeleted::new);

    static final String EVENTS_API_GROUP = "events.k8s.io";
    private static final Trigger EVENTS = Trigger.audit("events");
    private static final Set<String> DELETES = Set.of("delete", "deletecollection");

    public EventsDeleted() {
        super(SPEC, EVENTS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!isDelete(event)
                || event.subresource() != null
                || !(event.inCoreApiGroup() || event.apiGroupIs(EVENTS_API_GROUP))
                || !event.isAllowedWriteByNonPlatform()) {
            return;
        }
        String place = event.namespace() == null ? "across all namespaces" : "in " + Phrases.place(event);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + Phrases.request(event) + " " + place)
                .detail("api group: " + (event.inCoreApiGroup() ? "core" : EVENTS_API_GROUP));
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    private static boolean isDelete(EventContext event) {
        return event.verb() != null && DELETES.contains(event.verb());
    }
}
