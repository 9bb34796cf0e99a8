package io.tenantwatch.ingest.falco;

import io.tenantwatch.schemas.redact.Redaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a Falco alert's {@code output_fields} travel on, and how. A rule's output may name any
 * field, {@code proc.env} and {@code proc.environ} included (every variable of the process, cloud
 * keys too), so fields are kept by allow-list: who (user, process, container, pod), what (event,
 * file, connection) and the Kubernetes audit fields of k8saudit rules; anything else is left out.
 * Command lines and URIs are redacted ({@link Redaction}); every other kept string is redacted as
 * free text.
 */
final class FalcoFieldPolicy {

    private static final Set<String> KEPT = Set.of(
            "container.id",
            "container.name",
            "container.image",
            "container.image.repository",
            "container.image.tag",
            "container.image.digest",
            "container.privileged",
            "k8s.ns.name",
            "k8s.pod.name",
            "k8s.pod.uid",
            "evt.type",
            "evt.time",
            "evt.time.iso8601",
            "evt.hostname",
            "evt.source",
            "evt.dir",
            "evt.category",
            "evt.arg.uid",
            "proc.name",
            "proc.pname",
            "proc.exe",
            "proc.exepath",
            "proc.pexepath",
            "proc.cmdline",
            "proc.pcmdline",
            "proc.args",
            "proc.tty",
            "proc.pid",
            "proc.ppid",
            "proc.sid",
            "proc.vpgid",
            "fd.name",
            "fd.directory",
            "fd.filename",
            "fd.type",
            "fd.l4proto",
            "fd.sip",
            "fd.cip",
            "fd.rip",
            "fd.lip",
            "fd.sport",
            "fd.cport",
            "fd.rport",
            "fd.lport",
            "user.name",
            "user.uid",
            "user.loginuid",
            "user.loginname",
            "group.gid",
            "group.name",
            "ka.user.name",
            "ka.verb",
            "ka.uri",
            "ka.uri.param[command]",
            "ka.auth.decision",
            "ka.auth.reason",
            "ka.response.code",
            "ka.req.pod.containers.image",
            "ka.req.pod.containers.privileged");
    /** Ancestors ({@code proc.aname[2]}) and the target of k8saudit rules. */
    private static final List<String> KEPT_PREFIXES =
            List.of("proc.aname[", "proc.apid[", "proc.aexepath[", "ka.target.");

    private static final Set<String> COMMAND_LINES =
            Set.of("proc.cmdline", "proc.pcmdline", "proc.args", "ka.uri.param[command]");

    private FalcoFieldPolicy() {}

    static boolean isKept(String field) {
        if (KEPT.contains(field)) {
            return true;
        }
        for (String prefix : KEPT_PREFIXES) {
            if (field.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The kept fields, redacted, in their order (Falco alerts are few: a new map each time is fine). */
    static Map<String, Object> apply(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (isKept(e.getKey())) {
                out.put(e.getKey(), redact(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static Object redact(String name, Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        if (COMMAND_LINES.contains(name)) {
            return Redaction.commandLine(text);
        }
        if (name.equals("ka.uri")) {
            return Redaction.requestUri(text);
        }
        return Redaction.text(text);
    }
}
