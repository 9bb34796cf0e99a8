package io.tenantwatch.alerting.suppress;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import java.time.Instant;

/**
 * The id of a grouped update, and how an output format recognises one. Formats see only the
 * {@link Alert} (sinks take nothing else, and a parked delivery carries only the alert JSON), so
 * the update says what it is through its id: a hash of what the update reports (detector,
 * cluster, fingerprint, first and last occurrence, count) under a tag no detector uses. Anyone
 * holding the alert can recompute it; an alert raised by a detector never matches, because its
 * id hashes other inputs. The same update sent again (a retry, a parked delivery) has the same id.
 */
public final class GroupUpdateIds {

    /** Keeps an update's hash input apart from every detector's (detector, cluster, evidence key). */
    private static final String TAG = "grouped-update";

    private GroupUpdateIds() {}

    static String of(
            String detector, String cluster, String fingerprint, Instant firstSeen, Instant lastSeen, long count) {
        return AlertKeys.hash(
                detector,
                cluster,
                fingerprint,
                TAG,
                firstSeen == null ? null : firstSeen.toString(),
                lastSeen == null ? null : lastSeen.toString(),
                Long.toString(count));
    }

    /** Whether {@code alert} is the grouped update of a suppression window (not a detector's alert). */
    public static boolean isGroupUpdate(Alert alert) {
        if (alert.id() == null || alert.evidence() == null) {
            return false;
        }
        return alert.id()
                .equals(of(
                        alert.detector(),
                        alert.cluster(),
                        alert.fingerprint(),
                        alert.firstSeen(),
                        alert.lastSeen(),
                        alert.evidence().count()));
    }
}
