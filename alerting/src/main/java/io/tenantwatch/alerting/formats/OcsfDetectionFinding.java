package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.alerting.suppress.GroupUpdateIds;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;

/**
 * An alert as an OCSF 1.1.0 Detection Finding (class_uid 2004, category Findings), strictly as
 * the schema defines it: every attribute belongs to the class, to an object it reaches, or to a
 * profile named in {@code metadata.profiles}; captions are the schema's. What belongs to one
 * alert and has no OCSF attribute (the cluster, the source, the verb) goes in {@code unmapped}.
 *
 * <p>The finding is the alert's fingerprint (the same problem, repeated), so a SIEM keeps one
 * finding per problem: an alert from a detector creates it (activity Create) and the grouped
 * update the alerting pipeline sends at the end of a suppression window updates it (activity
 * Update) with the window's count and first and last occurrence. Nothing is remembered between
 * windows, so the first occurrence after a quiet window is a Create of the same uid again.
 * {@code metadata.uid} is the alert id, unique per alert.
 */
final class OcsfDetectionFinding {

    static final String OCSF_VERSION = "1.1.0";
    static final int CATEGORY_UID = 2;
    static final String CATEGORY_NAME = "Findings";
    static final int CLASS_UID = 2004;
    static final String CLASS_NAME = "Detection Finding";

    /** The finding activities tenantwatch sends (OCSF also has 3 Close, which it never decides). */
    enum Activity {
        CREATE(1, "Create"),
        UPDATE(2, "Update");

        final int id;
        final String caption;

        Activity(int id, String caption) {
            this.id = id;
            this.caption = caption;
        }
    }

    private OcsfDetectionFinding() {}

    static ObjectNode of(Alert alert) {
        Activity activity = GroupUpdateIds.isGroupUpdate(alert) ? Activity.UPDATE : Activity.CREATE;
        ObjectNode f = Json.mapper().createObjectNode();
        f.put("activity_id", activity.id);
        f.put("activity_name", activity.caption);
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", CATEGORY_NAME);
        f.put("class_uid", CLASS_UID);
        f.put("class_name", CLASS_NAME);
        f.put("type_uid", CLASS_UID * 100L + activity.id);
        f.put("type_name", CLASS_NAME + ": " + activity.caption);
        f.put("severity_id", severityId(alert.severity()));
        f.put("severity", severityCaption(alert.severity()));
        // status_id is left out: OCSF has the consumer set it (New, In Progress, Resolved…), and
        // an update that said New would undo an analyst's triage.
        f.put("message", alert.summary());

        // Occurrence: every alert says when and how often, so that an update carries the window.
        Instant first = alert.firstSeen() != null ? alert.firstSeen() : alert.time();
        Instant last = alert.lastSeen() != null ? alert.lastSeen() : alert.time();
        f.put("time", millis(alert.time()));
        f.put("start_time", millis(first));
        f.put("end_time", millis(last));
        f.put("count", occurrences(alert));

        ObjectNode actor = OcsfEntities.actor(alert.actor());
        ObjectNode metadata = f.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", alert.id());
        metadata.put("correlation_uid", alert.fingerprint());
        putIfPresent(metadata, "tenant_uid", alert.tenant());
        ObjectNode product = metadata.putObject("product");
        product.put("name", "tenantwatch");
        product.put("vendor_name", "tenantwatch");
        if (actor != null) {
            // actor is an attribute of the host profile, so using it means declaring that profile.
            metadata.putArray("profiles").add(OcsfEntities.HOST_PROFILE);
        }

        ObjectNode info = f.putObject("finding_info");
        info.put("uid", alert.fingerprint());
        info.put("title", alert.title());
        info.put("desc", alert.summary());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", alert.detector());
        analytic.put("name", alert.detector());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        info.put("first_seen_time", millis(first));
        info.put("last_seen_time", millis(last));
        // Not the top-level attacks: that attribute is the security_control profile's, for
        // products that block; the finding's own place for ATT&CK is finding_info.attacks.
        ObjectNode attack = OcsfEntities.attack(alert.mitre());
        if (attack != null) {
            info.putArray("attacks").add(attack);
        }
        ArrayNode related = relatedEvents(alert);
        if (!related.isEmpty()) {
            info.set("related_events", related);
        }

        if (actor != null) {
            f.set("actor", actor);
        }
        ObjectNode resource = OcsfEntities.resource(alert);
        if (resource != null) {
            f.putArray("resources").add(resource);
        }
        ObjectNode unmapped = f.putObject("unmapped");
        unmapped.put("cluster", alert.cluster());
        putIfPresent(unmapped, "source", alert.source());
        putIfPresent(unmapped, "verb", alert.verb());
        return f;
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
    static int severityId(Severity severity) {
        return switch (severity) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    /** The caption OCSF gives {@link #severityId}: the {@code severity} attribute must hold it. */
    static String severityCaption(Severity severity) {
        return switch (severity) {
            case INFO -> "Informational";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
            case CRITICAL -> "Critical";
        };
    }

    /** The audit events behind the alert, or the Falco alert. */
    private static ArrayNode relatedEvents(Alert alert) {
        ArrayNode related = Json.mapper().createArrayNode();
        alert.evidence().auditIds().forEach(id -> related.addObject().put("uid", id));
        if (alert.evidence().falcoUuid() != null) {
            related.addObject().put("uid", alert.evidence().falcoUuid());
        }
        return related;
    }

    /** OCSF's count is a 32-bit integer; an alert never counts near that many. */
    private static int occurrences(Alert alert) {
        long count = Math.max(1, alert.evidence().count());
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    private static long millis(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }

    /** OCSF has no null attribute values: an attribute without a value is left out. */
    static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
