package io.tenantwatch.ingest.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tenantwatch.ingest.ReadResult;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.audit.facts.BodyFacts;
import io.tenantwatch.ingest.audit.facts.FactsExtractor;
import io.tenantwatch.ingest.json.ParseFailure;
import io.tenantwatch.ingest.json.Rfc3339;
import io.tenantwatch.schemas.ClusterNames;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.RequestUri;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.redact.Redaction;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the collected fields of an audit Event into a {@link NormalizedEvent} (docs/formats.md
 * "Normalized event"), or says why not. Audit events are validated before the stage decision:
 * every stage of an event has the same shape, so a malformed one is reported whatever its stage.
 */
final class AuditNormalizer {

    static final String DECISION_ANNOTATION = "authorization.k8s.io/decision";
    private static final String COMMAND = "command";

    private final FactsExtractor facts;

    AuditNormalizer(FactsExtractor facts) {
        this.facts = facts;
    }

    ReadResult normalize(AuditFields f, SourceBinding binding, String clusterResourceId) {
        String bad = f.firstBadField();
        if (bad != null) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "audit event: " + bad);
        }
        String missing = missingFields(f);
        if (missing != null) {
            return ReadResult.reject(Reason.MISSING_FIELD, "audit event without " + missing);
        }
        if (clusterResourceId != null && !SourceBinding.isValidResourceId(clusterResourceId)) {
            return ReadResult.reject(
                    Reason.BAD_FIELD_TYPE,
                    "AKS record: resourceId (control characters, spaces or over " + SourceBinding.MAX_RESOURCE_ID
                            + " characters)");
        }
        String cluster = binding.clusterFor(clusterResourceId);
        if (cluster == null) {
            return ReadResult.reject(
                    Reason.BAD_FIELD_TYPE,
                    "AKS record: resourceId names no valid cluster (" + ClusterNames.RULE
                            + "); name it with a cluster-map entry");
        }
        String skip = StagePolicy.skipDetail(f.stage, f.objectRef);
        if (skip != null) {
            return ReadResult.skip(Reason.STAGE, skip);
        }
        String timestamp = f.stageTimestamp != null
                ? f.stageTimestamp
                : f.requestReceivedTimestamp != null ? f.requestReceivedTimestamp : f.timestamp;
        if (timestamp == null) {
            return ReadResult.reject(
                    Reason.MISSING_FIELD, "audit event without stageTimestamp or requestReceivedTimestamp");
        }
        Instant time;
        try {
            time = Rfc3339.parse(timestamp);
        } catch (DateTimeException e) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "audit event: timestamp (expected an RFC 3339 date-time)");
        }
        BodyFacts body;
        try {
            body = facts.extract(f.objectRef, f.verb, f.requestObject, f.responseObject);
        } catch (JsonProcessingException e) {
            return ParseFailure.of(e, "audit event object body: ");
        } catch (IOException e) {
            return ReadResult.reject(Reason.INVALID_JSON, "audit event object body unreadable");
        }
        Map<String, String> annotations = redacted(f.annotations == null ? Map.of() : f.annotations);
        return ReadResult.accept(new NormalizedEvent(
                f.auditId,
                NormalizedEvent.SOURCE_AUDIT,
                cluster,
                clusterResourceId,
                time,
                f.auditId,
                f.stage,
                Actors.of(f.user, f.impersonatedUser),
                f.verb,
                resource(f.objectRef, body.objectName()),
                Redaction.requestUri(withExecCommand(f.requestUri, body.execCommand())),
                annotations.get(DECISION_ANNOTATION),
                f.code,
                f.sourceIps,
                f.userAgent,
                annotations,
                body.facts(),
                null,
                null,
                null,
                null));
    }

    /**
     * The request URI of an exec whose URI names no command (docs/formats.md, "Normalized event"),
     * with the command of its PodExecOptions appended as the {@code command=} parameters kubectl
     * would have sent: the API server builds those options from exactly these parameters, so the
     * URI says the same request, and detectors read one place (and redaction covers it as any URI).
     */
    static String withExecCommand(String uri, List<String> command) {
        if (command.isEmpty()
                || uri == null
                || !RequestUri.of(uri).params(COMMAND).isEmpty()) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length() + 16 * command.size()).append(uri);
        char separator = RequestUri.queryStart(uri) < 0 ? '?' : '&';
        for (String argument : command) {
            out.append(separator)
                    .append(COMMAND)
                    .append('=')
                    .append(URLEncoder.encode(argument, StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    /** Annotation values are client-influenced text (admission messages quote requests): redacted like any. */
    private static Map<String, String> redacted(Map<String, String> annotations) {
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            String clean = Redaction.text(e.getValue());
            if (clean != e.getValue()) {
                if (out == null) {
                    out = new LinkedHashMap<>(annotations);
                }
                out.put(e.getKey(), clean);
            }
        }
        return out == null ? annotations : out;
    }

    /** objectRef has no name for creates with generateName; the stored body then names the object. */
    private static ResourceRef resource(ResourceRef ref, String bodyName) {
        if (ref == null || ref.name() != null || bodyName == null || bodyName.isEmpty()) {
            return ref;
        }
        return new ResourceRef(ref.apiGroup(), ref.resource(), ref.subresource(), ref.namespace(), bodyName);
    }

    private static String missingFields(AuditFields f) {
        StringBuilder missing = null;
        missing = note(missing, f.auditId == null, "auditID");
        missing = note(missing, f.stage == null, "stage");
        missing = note(missing, f.verb == null, "verb");
        missing = note(missing, f.user == null || f.user.username() == null, "user.username");
        missing = note(
                missing,
                f.impersonatedUser != null && f.impersonatedUser.username() == null,
                "impersonatedUser.username");
        return missing == null ? null : missing.toString();
    }

    private static StringBuilder note(StringBuilder sb, boolean isMissing, String field) {
        if (!isMissing) {
            return sb;
        }
        return sb == null ? new StringBuilder(field) : sb.append(", ").append(field);
    }
}
