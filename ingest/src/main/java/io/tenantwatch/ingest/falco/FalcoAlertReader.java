package io.tenantwatch.ingest.falco;

import io.tenantwatch.ingest.ReadResult;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.json.Rfc3339;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.ResourceRef;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Falco alerts to normalized events (docs/formats.md "Falco"). Records that are not runtime alerts
 * (Falco's internal rules, plugin sources such as gcp_auditlog) are skipped before any validation:
 * their shape is not ours to check (a metrics snapshot may lack time and priority). Of
 * {@code output_fields}, only what {@link FalcoFieldPolicy} allows travels on, redacted. Thread-safe.
 */
public final class FalcoAlertReader {

    static final String INTERNAL_RULE_PREFIX = "Falco internal:";
    /** A missing source means syscall (falcosidekick assumes the same, and also writes "syscalls"). */
    static final String DEFAULT_SOURCE = "syscall";

    static final Set<String> RUNTIME_SOURCES = Set.of("syscall", "syscalls", "k8s_audit");

    public ReadResult finish(FalcoFields f, SourceBinding binding) {
        if (f.isBad("rule") || f.isBad("source")) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "falco alert: " + f.firstBadField());
        }
        if (f.rule != null && f.rule.startsWith(INTERNAL_RULE_PREFIX)) {
            return ReadResult.skip(Reason.NOT_RUNTIME, "internal Falco rule");
        }
        String source = f.source == null ? DEFAULT_SOURCE : f.source;
        if (!RUNTIME_SOURCES.contains(source)) {
            return ReadResult.skip(Reason.NOT_RUNTIME, "falco source " + ReadResult.quote(source));
        }
        if (f.firstBadField() != null) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "falco alert: " + f.firstBadField());
        }
        if (f.time == null || f.rule == null || f.priority == null) {
            return ReadResult.reject(
                    Reason.MISSING_FIELD,
                    "falco alert without " + (f.time == null ? "time" : f.rule == null ? "rule" : "priority"));
        }
        Instant time;
        try {
            time = Rfc3339.parse(f.time);
        } catch (DateTimeException e) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "falco alert: time (expected an RFC 3339 date-time)");
        }
        Map<String, Object> fields = f.outputFields == null ? Map.of() : FalcoFieldPolicy.apply(f.outputFields);
        // The content hash uses the raw time text, exactly as sent, so a re-sent alert hashes alike.
        String id = f.uuid != null ? f.uuid : AlertKeys.hash(f.time, f.rule, f.hostname, f.output);
        String username = text(fields, "user.name");
        if (username == null) {
            username = text(fields, "ka.user.name"); // k8s_audit alerts
        }
        String namespace = text(fields, "k8s.ns.name");
        if (namespace == null) {
            namespace = text(fields, "ka.target.namespace");
        }
        Actor actor = new Actor(
                username,
                null,
                List.of(),
                null,
                null,
                ActorType.PROCESS,
                null,
                text(fields, "k8s.pod.name"),
                null,
                null);
        return ReadResult.accept(new NormalizedEvent(
                id,
                NormalizedEvent.SOURCE_FALCO,
                binding.clusterFor(null),
                null,
                time,
                null,
                null,
                actor,
                null,
                new ResourceRef(null, null, null, namespace, null),
                null,
                null,
                null,
                null,
                null,
                null,
                Facts.NONE,
                new FalcoFacts(f.rule, f.priority, f.tags, f.hostname, f.uuid, fields),
                null,
                null,
                null));
    }

    /** Falco prints absent values as null or "<NA>"; both mean unknown. */
    private static String text(Map<String, Object> fields, String key) {
        Object v = fields.get(key);
        if (v == null || "<NA>".equals(v)) {
            return null;
        }
        return v.toString();
    }
}
