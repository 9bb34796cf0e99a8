package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert of a closed window (docs/alerts.md): one per actor and window, its id keyed on
 * the actor and the window start, its time the window end, {@code firstSeen}/{@code lastSeen} the
 * first and last counted event, the count, and up to 20 audit ids. The fingerprint names the
 * actor alone, so every window of one actor is the same finding for alert grouping; a detector
 * whose windows are kept per target ({@link WindowedDetector#keyedByFirstValue}) adds the target
 * to both, so two targets of one actor are two alerts and two findings.
 */
final class WindowAlerts {

    private WindowAlerts() {}

    static Alert alert(WindowedDetector detector, ActorWindow window, long sizeMs) {
        String username = window.actor() == null ? null : window.actor().username();
        Instant start = Instant.ofEpochMilli(window.start());
        Instant end = Instant.ofEpochMilli(window.start() + sizeMs);
        List<String> details = new ArrayList<>(detector.details(window));
        details.add("window: " + start + " to " + end);
        if (window.spread()) {
            details.add("namespaces: several");
        }
        // A window kept per target is about that target: its own alert id, and its own finding.
        String target = detector.keyedByFirstValue() && !window.first().isEmpty()
                ? window.first().get(0)
                : null;
        String evidenceKey = target == null
                ? username + Observations.SEPARATOR + start
                : username + Observations.SEPARATOR + target + Observations.SEPARATOR + start;
        return Finding.of(detector.id(), window.cluster())
                .evidenceKey(evidenceKey)
                .fingerprint(null, username, null, target, null, null)
                .spec(detector.spec(), window.severity())
                .summary(detector.summary(window))
                .time(end)
                .seen(Instant.ofEpochMilli(window.firstSeen()), Instant.ofEpochMilli(window.lastSeen()))
                .where(window.tenant(), window.namespace())
                .actor(window.actor(), window.actorTenants())
                .source(NormalizedEvent.SOURCE_AUDIT)
                .evidence(window.auditIds(), window.count())
                .client(window.sourceIPs(), window.userAgent(), null)
                .details(details)
                .build();
    }
}
