package io.tenantwatch.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.aks.AksFields;
import io.tenantwatch.ingest.audit.AuditFields;
import io.tenantwatch.ingest.falco.FalcoFields;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.ParseFailure;
import io.tenantwatch.schemas.Reason;
import java.io.IOException;

/**
 * One {@link InputReader#read} call: walks the input's top-level values and containers, detects
 * each record's format while streaming it, and turns every item's {@link ReadResult} into exactly
 * one sink call. Not thread-safe; one per call.
 */
final class RecordReader {

    /** Reads the object at the parser's START_OBJECT; returns how to finish it, or null if it emitted already. */
    private interface ObjectFormat {
        Finisher collect(JsonParser p) throws IOException;
    }

    /** The second half of reading a record, run only once its size is known to be within limits. */
    private interface Finisher {
        ReadResult finish();
    }

    private final InputReader reader;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final SourceBinding binding;
    private final ReadSink sink;
    private final JsonInput input;
    /** Start (relative to offset) of the record being read: where a syntax failure's rejection begins. */
    private long recordStart;

    RecordReader(InputReader reader, byte[] bytes, int offset, int length, SourceBinding binding, ReadSink sink) {
        this.reader = reader;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.binding = binding;
        this.sink = sink;
        this.input = new JsonInput(bytes, offset);
    }

    void run() {
        boolean any = false;
        try (JsonParser p = reader.json().parser(bytes, offset, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                any = true;
                if (t == JsonToken.START_ARRAY) {
                    readArray(p, this::anyRecord, Reason.UNRECOGNIZED_FORMAT);
                } else {
                    readValue(p, this::anyRecord, Reason.UNRECOGNIZED_FORMAT);
                }
            }
            if (!any) {
                sink.rejected(Reason.INVALID_JSON, "no JSON value in the input", new byte[0]);
            }
        } catch (JsonProcessingException e) {
            emit(ParseFailure.of(e, ""), recordStart, length);
        } catch (IOException e) {
            emit(ReadResult.reject(Reason.INVALID_JSON, "unreadable input"), recordStart, length);
        }
    }

    /** Every element of the array at the parser is a record of the given format. */
    private void readArray(JsonParser p, ObjectFormat format, Reason notAnObject) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            readValue(p, format, notAnObject);
        }
    }

    /**
     * One record: an object of the given format. Anything else is rejected with
     * {@code notAnObject}: unrecognized at the top, a wrong type inside a container of known items.
     */
    private void readValue(JsonParser p, ObjectFormat format, Reason notAnObject) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        recordStart = start;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonToken t = p.currentToken();
            p.skipChildren();
            emit(
                    ReadResult.reject(notAnObject, "a record must be a JSON object, not " + describe(t)),
                    start,
                    p.currentLocation().getByteOffset());
            return;
        }
        Finisher finisher = format.collect(p);
        if (finisher == null) {
            return;
        }
        long end = p.currentLocation().getByteOffset();
        if (end - start > reader.limits().maxRecordBytes()) {
            emit(
                    ReadResult.reject(
                            Reason.OVERSIZE,
                            "record of " + (end - start) + " bytes exceeds the limit of "
                                    + reader.limits().maxRecordBytes() + " bytes"),
                    start,
                    end);
        } else {
            emit(finisher.finish(), start, end);
        }
    }

    /**
     * A top-level object of any format. Fields are routed to each format's collector (their names
     * do not overlap); containers are streamed item by item as soon as they are met.
     */
    private Finisher anyRecord(JsonParser p) throws IOException {
        AuditFields audit = new AuditFields(input);
        FalcoFields falco = new FalcoFields();
        AksFields aks = new AksFields(input);
        boolean container = false;
        String badContainer = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            // items makes an EventList unless a kind already said it is something else.
            boolean isList = "items".equals(name) && (!audit.kindSeen() || "EventList".equals(audit.kind()));
            if ((isList || "records".equals(name)) && value == JsonToken.START_ARRAY) {
                container = true;
                readArray(p, isList ? this::auditEvent : this::aksRecord, Reason.BAD_FIELD_TYPE);
            } else if ((isList || "records".equals(name)) && value != JsonToken.VALUE_NULL) {
                badContainer = name + " (expected an array)";
                p.skipChildren();
            } else if (!audit.accept(name, p) && !falco.accept(name, p) && !aks.accept(name, p)) {
                p.skipChildren();
            }
        }
        if (container) {
            return null;
        }
        String bad = badContainer;
        return () -> {
            if (aks.looksLikeRecord()) {
                return reader.aks().finish(aks, binding);
            }
            if (audit.looksLikeEvent()) {
                return reader.audit().normalize(audit, binding, null);
            }
            if (falco.looksLikeAlert()) {
                return reader.falco().finish(falco, binding);
            }
            String typeError =
                    bad != null ? bad : firstNonNull(audit.firstBadField(), falco.firstBadField(), aks.firstBadField());
            return typeError != null
                    ? ReadResult.reject(Reason.BAD_FIELD_TYPE, typeError)
                    : ReadResult.reject(
                            Reason.UNRECOGNIZED_FORMAT, "not an audit Event or EventList, AKS record or Falco alert");
        };
    }

    /** An EventList item: an audit Event, whether or not it repeats kind (webhook items do not). */
    private Finisher auditEvent(JsonParser p) throws IOException {
        AuditFields fields = reader.audit().collect(input, p);
        return () -> reader.audit().normalize(fields, binding, null);
    }

    /** An element of an Event Hubs body's records[]. */
    private Finisher aksRecord(JsonParser p) throws IOException {
        AksFields fields = new AksFields(input);
        fields.readObject(p);
        return () -> reader.aks().finish(fields, binding);
    }

    private void emit(ReadResult result, long start, long end) {
        if (result instanceof ReadResult.Accepted a) {
            sink.event(a.event());
        } else if (result instanceof ReadResult.Skipped s) {
            sink.skipped(s.reason(), s.detail());
        } else if (result instanceof ReadResult.Rejected r) {
            int from = (int) Math.min(start, length);
            int count = (int) Math.max(0, Math.min(end - from, reader.limits().maxRecordBytes()));
            sink.rejected(r.reason(), r.detail(), reader.redactor().copy(bytes, offset + from, count));
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "null";
        };
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
