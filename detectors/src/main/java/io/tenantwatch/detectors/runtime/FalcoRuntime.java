package io.tenantwatch.detectors.runtime;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code falco-runtime}: every Falco alert (syscall or k8s_audit source), attributed to the tenant
 * of the namespace it happened in, so that runtime findings reach the same alert stream, routes and
 * tenant views as the API-side detectors.
 *
 * <p>Why it matters: the API audit log cannot see what runs inside a container; Falco sees the
 * shell spawned, the sensitive file read, the miner started. Severity follows Falco's priority
 * (Emergency/Alert/Critical → critical, Error → high, Warning → medium, Notice → low,
 * Informational/Debug → info, anything else medium) and is raised one level in a platform
 * namespace, whose pods hold cluster-wide credentials. An alert with no namespace (a host process)
 * is attributed to {@code _platform} but not raised: it may be no workload at all. The Falco rule
 * names the finding (title, summary, evidence and fingerprint: two rules firing in one pod are two
 * findings); the MITRE mapping comes from the rule's tags when it has one.
 *
 * <p>Does not fire for: {@code Falco internal:} rules (drop and metrics notices, not detections),
 * which ingest already skips.
 */
public final class FalcoRuntime extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "falco-runtime", DetectorGroup.RUNTIME, Severity.MEDIUM, "Execution", null, "Falco runtime alert");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, FalcoRuntime::new);

    private static final Trigger FALCO = Trigger.falco();
    private static final String INTERNAL_RULE_PREFIX = "Falco internal:";

    private record Priority(String name, Severity severity) {}

    /** Falco's priorities, its {@code Info} spelling included; compared ignoring case. */
    private static final List<Priority> PRIORITIES = List.of(
            new Priority("Emergency", Severity.CRITICAL),
            new Priority("Alert", Severity.CRITICAL),
            new Priority("Critical", Severity.CRITICAL),
            new Priority("Error", Severity.HIGH),
            new Priority("Warning", Severity.MEDIUM),
            new Priority("Notice", Severity.LOW),
            new Priority("Informational", Severity.INFO),
            new Priority("Info", Severity.INFO),
            new Priority("Debug", Severity.INFO));

    public FalcoRuntime() {
        super(SPEC, FALCO);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        FalcoFacts falco = event.event().falco();
        if (falco == null || (falco.rule() != null && falco.rule().startsWith(INTERNAL_RULE_PREFIX))) {
            return;
        }
        String rule = falco.rule() == null ? "(unnamed rule)" : falco.rule();
        Severity severity = severityOf(falco.priority());
        if (event.namespace() != null && event.inPlatformNamespace()) {
            severity = severity.raised();
        }
        Alert.Mitre fromTags = FalcoMitre.fromTags(falco.tags());
        Map<String, Object> fields = falco.fields();
        String image = image(fields);
        String command = field(fields, "proc.cmdline");
        String file = field(fields, "fd.name");

        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .severity(severity)
                .title("Falco: " + rule)
                .summary(summary(event, falco, rule, fields, command))
                .falcoRule(rule)
                .mitre(fromTags == null ? SPEC.mitre() : fromTags)
                .detail("priority: " + falco.priority());
        if (image != null) {
            alert.detail("image: " + image);
        }
        if (command != null) {
            alert.detail("command: " + Phrases.redact(command));
        }
        if (file != null) {
            alert.detail("file: " + file);
        }
        alerts.accept(alert.build());
    }

    /** Falco priority → severity, case-insensitive; unknown or missing → medium. */
    static Severity severityOf(String priority) {
        if (priority != null) {
            for (Priority p : PRIORITIES) {
                if (p.name().equalsIgnoreCase(priority)) {
                    return p.severity();
                }
            }
        }
        return Severity.MEDIUM;
    }

    private static String summary(
            EventContext event, FalcoFacts falco, String rule, Map<String, Object> fields, String command) {
        StringBuilder out =
                new StringBuilder(200).append("Falco \"").append(rule).append('"');
        if (falco.priority() != null) {
            out.append(" (").append(falco.priority()).append(')');
        }
        String pod = field(fields, "k8s.pod.name");
        if (pod == null && event.event().resource() != null) {
            pod = event.event().resource().name();
        }
        if (pod != null) {
            out.append(" in pod ").append(pod);
        }
        String container = field(fields, "container.name");
        if (container != null && !"host".equals(container)) {
            out.append(" (container ").append(container).append(')');
        }
        out.append(event.namespace() == null ? " outside any Kubernetes namespace" : " in " + Phrases.place(event));
        if (falco.hostname() != null) {
            out.append(" on host ").append(falco.hostname());
        }
        if (command != null) {
            out.append(": ").append(Phrases.inline(command));
        }
        return out.toString();
    }

    private static String image(Map<String, Object> fields) {
        String repository = field(fields, "container.image.repository");
        String tag = field(fields, "container.image.tag");
        return repository == null || tag == null ? repository : repository + ":" + tag;
    }

    /** An output field as text; null when absent, null or empty (Falco writes {@code <NA>} for unknowns). */
    private static String field(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isEmpty() || "<NA>".equals(text) ? null : text;
    }
}
