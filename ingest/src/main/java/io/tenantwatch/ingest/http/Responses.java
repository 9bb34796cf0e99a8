package io.tenantwatch.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small JSON bodies of the answers. {@code error} is always a short label: a {@link Reason}
 * label when the body is the problem (400, 413), else the HTTP problem (unauthorized, …).
 */
final class Responses {

    private Responses() {}

    /** 200: what became of the records. */
    static byte[] counts(RequestBatch batch) {
        Map<String, Object> body = counters(batch);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            if (batch.byReason[r.ordinal()] > 0) {
                reasons.put(r.label(), batch.byReason[r.ordinal()]);
            }
        }
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return write(body);
    }

    /** 400: nothing in the body was of a known format; the first rejection says why. */
    static byte[] unreadable(RequestBatch batch) {
        DeadLetter first = batch.firstRejection();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "error",
                first == null ? Reason.INVALID_JSON.label() : first.reason().label());
        body.put(
                "message",
                first == null || first.detail() == null
                        ? "the body is not an audit Event or EventList, or Falco alerts"
                        : first.detail());
        body.putAll(counters(batch));
        return write(body);
    }

    static byte[] error(String label, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", label);
        body.put("message", message);
        return write(body);
    }

    private static Map<String, Object> counters(RequestBatch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", batch.accepted());
        body.put("skipped", batch.skipped());
        body.put("rejected", batch.rejected());
        return body;
    }

    private static byte[] write(Map<String, Object> body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings and numbers", e);
        }
    }
}
