package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;

/**
 * An alert as an OCSF 1.1 Detection Finding (class_uid 2004, category Findings), the shape SIEMs
 * ingest: the required fields (activity, class, category, type, severity, time, metadata with the
 * product, finding_info with uid and title), plus {@code metadata.tenant_uid} for the tenant,
 * {@code attacks} for MITRE ATT&amp;CK, the actor, the Kubernetes resource and the evidence ids.
 * The alert id is the finding uid, so a repeat is recognisable downstream.
 */
final class OcsfDetectionFinding {

    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    /** Activity 1 = Create (a new finding). */
    static final int ACTIVITY_CREATE = 1;

    static final String OCSF_VERSION = "1.1.0";

    private OcsfDetectionFinding() {}

    static ObjectNode of(Alert alert) {
        ObjectNode f = Json.mapper().createObjectNode();
        f.put("activity_id", ACTIVITY_CREATE);
        f.put("activity_name", "Create");
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", "Findings");
        f.put("class_uid", CLASS_UID);
        f.put("class_name", "Detection Finding");
        f.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        f.put("severity_id", severityId(alert.severity()));
        f.put("severity", alert.severity().label());
        f.put("status_id", 1);
        f.put("status", "New");
        f.put("time", alert.time() == null ? 0 : alert.time().toEpochMilli());
        f.put("message", alert.summary());

        ObjectNode metadata = f.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.put("uid", alert.id());
        metadata.put("correlation_uid", alert.fingerprint());
        if (alert.tenant() != null) {
            metadata.put("tenant_uid", alert.tenant());
        }
        ObjectNode product = metadata.putObject("product");
        product.put("name", "tenantwatch");
        product.put("vendor_name", "tenantwatch");

        ObjectNode info = f.putObject("finding_info");
        info.put("uid", alert.id());
        info.put("title", alert.title());
        info.put("desc", alert.summary());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", alert.detector());
        analytic.put("name", alert.detector());
        analytic.put("type_id", 1);
        analytic.put("type", "Rule");
        if (alert.firstSeen() != null) {
            info.put("first_seen_time", alert.firstSeen().toEpochMilli());
        }
        if (alert.lastSeen() != null) {
            info.put("last_seen_time", alert.lastSeen().toEpochMilli());
        }
        ArrayNode evidence = info.putArray("related_events");
        alert.evidence().auditIds().forEach(id -> evidence.addObject().put("uid", id));

        if (alert.mitre() != null
                && (alert.mitre().tactic() != null || alert.mitre().technique() != null)) {
            ObjectNode attack = f.putArray("attacks").addObject();
            attack.put("version", "v15");
            if (alert.mitre().tactic() != null) {
                attack.putObject("tactic").put("name", alert.mitre().tactic());
            }
            if (alert.mitre().technique() != null) {
                String technique = alert.mitre().technique();
                int space = technique.indexOf(' ');
                ObjectNode t = attack.putObject("technique");
                t.put("uid", space < 0 ? technique : technique.substring(0, space));
                if (space > 0) {
                    t.put("name", technique.substring(space + 1));
                }
            }
        }
        if (alert.actor() != null) {
            ObjectNode user = f.putObject("actor").putObject("user");
            user.put("name", alert.actor().username());
            user.put(
                    "type",
                    alert.actor().type() == null ? null : alert.actor().type().label());
            ArrayNode groups = user.putArray("groups");
            alert.actor().groups().forEach(g -> groups.addObject().put("name", g));
        }
        ObjectNode resource = f.putArray("resources").addObject();
        resource.put(
                "type",
                alert.resource() == null ? "kubernetes" : alert.resource().resource());
        resource.put("name", alert.resource() == null ? null : alert.resource().name());
        resource.put("namespace", alert.namespace());
        resource.put("cloud_partition", alert.cluster());
        ObjectNode unmapped = f.putObject("unmapped");
        unmapped.put("cluster", alert.cluster());
        unmapped.put("source", alert.source());
        unmapped.put("verb", alert.verb());
        return f;
    }

    /** OCSF severity_id: 1 informational, 2 low, 3 medium, 4 high, 5 critical. */
    static int severityId(Severity severity) {
        return switch (severity) {
            case INFO -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }
}
