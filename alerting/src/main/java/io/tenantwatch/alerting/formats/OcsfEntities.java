package io.tenantwatch.alerting.formats;

import static io.tenantwatch.alerting.formats.OcsfDetectionFinding.putIfPresent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;

/**
 * The OCSF objects of a Detection Finding that describe who and what: the actor, the affected
 * Kubernetes object, the MITRE ATT&amp;CK mapping. Each returns null when the alert has nothing
 * that fills the object's required attributes and constraints, so that the object is left out.
 */
final class OcsfEntities {

    /** The profile whose attribute {@code actor} is; a finding that has an actor declares it. */
    static final String HOST_PROFILE = "host";

    private static final String ATTACK_VERSION = "v15";

    private OcsfEntities() {}

    /** {@code actor.user}; null without a username (OCSF's user needs a name, uid or account). */
    static ObjectNode actor(Alert.AlertActor a) {
        if (a == null || a.username() == null) {
            return null;
        }
        ObjectNode actor = Json.mapper().createObjectNode();
        ObjectNode user = actor.putObject("user");
        user.put("name", a.username());
        UserType type = UserType.of(a);
        if (type != null) {
            user.put("type_id", type.id);
            user.put("type", type.caption);
        }
        if (!a.groups().isEmpty()) {
            ArrayNode groups = user.putArray("groups");
            a.groups().forEach(g -> groups.addObject().put("name", g));
        }
        return actor;
    }

    /**
     * OCSF's user type_id (1 User, 2 Admin, 3 System, 99 Other) with its caption. Service
     * accounts and kubelets are the cluster's machine identities, OCSF's "System"; for 99 the
     * caption is tenantwatch's own word, as OCSF allows for Other.
     */
    record UserType(int id, String caption) {
        static UserType of(Alert.AlertActor a) {
            if (a.type() == null) {
                return null;
            }
            return switch (a.type()) {
                case USER -> a.actorClass() == ActorClass.ADMIN ? new UserType(2, "Admin") : new UserType(1, "User");
                case SERVICEACCOUNT, NODE -> new UserType(3, "System");
                case ANONYMOUS, PROCESS -> new UserType(99, a.type().label());
            };
        }
    }

    /**
     * The affected object as {@code resources[]}: the named object of the request; for a Falco
     * alert, the pod the process ran in; otherwise the namespace acted in. Null when there is
     * none of these (a cluster-scoped list, a host process), since OCSF needs a name or uid.
     */
    static ObjectNode resource(Alert alert) {
        ObjectNode r = Json.mapper().createObjectNode();
        Alert.AlertResource res = alert.resource();
        if (res != null && res.name() != null) {
            putIfPresent(r, "type", res.resource());
            r.put("name", res.name());
            putIfPresent(r, "namespace", alert.namespace());
            ObjectNode data = Json.mapper().createObjectNode();
            putIfPresent(data, "api_group", res.apiGroup());
            putIfPresent(data, "subresource", res.subresource());
            if (!data.isEmpty()) {
                r.set("data", data);
            }
        } else if (res == null && alert.actor() != null && alert.actor().podName() != null && isFalco(alert)) {
            r.put("type", "pods");
            r.put("name", alert.actor().podName());
            putIfPresent(r, "namespace", alert.namespace());
        } else if (alert.namespace() != null) {
            r.put("type", "namespaces");
            r.put("name", alert.namespace());
        } else {
            return null;
        }
        return r;
    }

    private static boolean isFalco(Alert alert) {
        return "falco".equals(alert.source());
    }

    /**
     * One ATT&amp;CK entry. A technique id with a dot is a sub-technique: OCSF gives it its own
     * object, with the parent technique's id in {@code technique}. The name the detector gives
     * belongs to the most specific of the two.
     */
    static ObjectNode attack(Alert.Mitre mitre) {
        if (mitre == null || (mitre.tactic() == null && mitre.technique() == null)) {
            return null;
        }
        ObjectNode attack = Json.mapper().createObjectNode();
        attack.put("version", ATTACK_VERSION);
        if (mitre.tactic() != null) {
            attack.putObject("tactic").put("name", mitre.tactic());
        }
        if (mitre.technique() != null) {
            String technique = mitre.technique().strip();
            int space = technique.indexOf(' ');
            String id = space < 0 ? technique : technique.substring(0, space);
            String name = space < 0 ? null : technique.substring(space + 1).strip();
            int dot = id.indexOf('.');
            if (dot < 0) {
                ObjectNode t = attack.putObject("technique");
                t.put("uid", id);
                putIfPresent(t, "name", name);
            } else {
                attack.putObject("technique").put("uid", id.substring(0, dot));
                ObjectNode sub = attack.putObject("sub_technique");
                sub.put("uid", id);
                putIfPresent(sub, "name", name);
            }
        }
        return attack;
    }
}
