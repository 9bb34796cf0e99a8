package io.tenantwatch.ingest.aks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.ReadResult;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.audit.AuditEventReader;
import io.tenantwatch.ingest.audit.AuditFields;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.JsonSpan;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.ingest.json.ParseFailure;
import io.tenantwatch.schemas.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * AKS Diagnostic Settings records (docs/formats.md "AKS Diagnostic Settings → Event Hubs"): one record
 * of an Event Hubs body's {@code records[]}, or a single record on its own. The category is judged
 * first: records of other categories (klog text of the controller manager…) are skipped before any
 * validation, since their shape is not ours to check. The audit Event inside {@code properties.log}
 * is a JSON string; AKS cuts it at 16 KiB for large RequestResponse events, which is reported as
 * {@code truncated}. The record's resourceId is kept as clusterResourceId. Thread-safe.
 */
public final class AksEnvelopeReader {

    static final Set<String> AUDIT_CATEGORIES = Set.of("kube-audit", "kube-audit-admin");

    private final JsonSupport json;
    private final AuditEventReader audit;

    public AksEnvelopeReader(JsonSupport json, AuditEventReader audit) {
        this.json = json;
        this.audit = audit;
    }

    public ReadResult finish(AksFields f, SourceBinding binding) {
        if (f.isBad("category")) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "AKS record: " + f.firstBadField());
        }
        if (f.category == null) {
            return ReadResult.reject(Reason.MISSING_FIELD, "AKS record without category");
        }
        if (!AUDIT_CATEGORIES.contains(f.category)) {
            return ReadResult.skip(Reason.OTHER_CATEGORY, "AKS category " + ReadResult.quote(f.category));
        }
        if (f.firstBadField() != null) {
            return ReadResult.reject(Reason.BAD_FIELD_TYPE, "AKS record: " + f.firstBadField());
        }
        if (f.logObject != null) {
            return readEvent(f.logObject, binding, f.resourceId);
        }
        if (f.log == null) {
            return ReadResult.reject(Reason.MISSING_FIELD, "AKS record without properties.log");
        }
        if (!startsLikeJsonObject(f.log)) {
            return ReadResult.skip(Reason.NOT_AUDIT, "AKS " + f.category + " record whose log is not JSON");
        }
        byte[] event = f.log.getBytes(StandardCharsets.UTF_8);
        return readEvent(new JsonSpan(event, 0, event.length), binding, f.resourceId);
    }

    private ReadResult readEvent(JsonSpan event, SourceBinding binding, String resourceId) {
        try (JsonParser p = json.parser(event)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return ReadResult.skip(Reason.NOT_AUDIT, "AKS audit record whose log is not a JSON object");
            }
            AuditFields fields = audit.collect(new JsonInput(event.bytes(), event.offset()), p);
            if (p.nextToken() != null) {
                return ReadResult.reject(Reason.INVALID_JSON, "properties.log: content after the audit event");
            }
            return audit.normalize(fields, binding, resourceId);
        } catch (JsonProcessingException e) {
            return ParseFailure.of(e, "properties.log: ");
        } catch (IOException e) {
            return ReadResult.reject(Reason.INVALID_JSON, "properties.log unreadable");
        }
    }

    /** klog lines start with a severity letter and a date; an audit Event starts with '{'. */
    private static boolean startsLikeJsonObject(String log) {
        for (int i = 0; i < log.length(); i++) {
            char c = log.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{';
            }
        }
        return false;
    }
}
