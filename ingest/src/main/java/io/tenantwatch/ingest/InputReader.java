package io.tenantwatch.ingest;

import io.tenantwatch.ingest.aks.AksEnvelopeReader;
import io.tenantwatch.ingest.audit.AuditEventReader;
import io.tenantwatch.ingest.falco.FalcoAlertReader;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.schemas.Reason;
import java.util.Objects;

/**
 * Reads one input (a line, a whole document, a webhook body, an Event Hubs message) of any of the
 * input formats, detected per record, into a {@link ReadSink}:
 * <ul>
 *   <li>an AKS Event Hubs body {@code {"records":[…]}}, or a single AKS record (category + properties);
 *   <li>an audit {@code EventList} ({@code items}), or an audit Event (v1, v1beta1, or the old
 *       webhook form without apiVersion);
 *   <li>a Falco alert (rule plus priority/output/output_fields/time);
 *   <li>a JSON array of any of those, or several of them one after another (JSON lines).
 * </ul>
 * Each record is streamed once with Jackson's parser; trees are built only for the object bodies
 * that yield facts. A UTF-8 byte-order mark is accepted. Thread-safe: create one per set of limits
 * and share it.
 */
public final class InputReader {

    private final ReaderLimits limits;
    private final JsonSupport json;
    private final AuditEventReader audit;
    private final AksEnvelopeReader aks;
    private final FalcoAlertReader falco;
    private final DlqRedactor redactor;

    public InputReader() {
        this(ReaderLimits.DEFAULTS);
    }

    public InputReader(ReaderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = new JsonSupport(limits.maxNestingDepth());
        this.audit = new AuditEventReader(json);
        this.aks = new AksEnvelopeReader(json, audit);
        this.falco = new FalcoAlertReader();
        this.redactor = new DlqRedactor(json);
    }

    public ReaderLimits limits() {
        return limits;
    }

    /** The parser set-up these limits imply (for sources that need to look at input first). */
    public JsonSupport json() {
        return json;
    }

    public void read(byte[] bytes, SourceBinding binding, ReadSink sink) {
        read(bytes, 0, bytes.length, binding, sink);
    }

    /**
     * Reads {@code bytes[offset, offset + length)}. Never throws for bad input: every record ends in
     * an event, a skip or a rejection. An input longer than {@link ReaderLimits#maxDocumentBytes()}
     * is rejected {@code oversize} before parsing; a record longer than
     * {@link ReaderLimits#maxRecordBytes()} is rejected as soon as its end is seen, before anything
     * of it is built.
     */
    public void read(byte[] bytes, int offset, int length, SourceBinding binding, ReadSink sink) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(sink, "sink");
        if (length > limits.maxDocumentBytes()) {
            rejectOversizeDocument(bytes, offset, Math.min(length, limits.maxRecordBytes()), length, sink);
            return;
        }
        new RecordReader(this, bytes, offset, length, binding, sink).run();
    }

    /**
     * Rejects a record that a source did not buffer whole (a line longer than
     * {@link ReaderLimits#maxRecordBytes()}): {@code prefix} holds its first bytes,
     * {@code actualLength} its full size.
     */
    public void rejectOversizeRecord(byte[] prefix, int offset, int length, long actualLength, ReadSink sink) {
        sink.rejected(
                Reason.OVERSIZE,
                "record of " + actualLength + " bytes exceeds the limit of " + limits.maxRecordBytes() + " bytes",
                redactor.copy(prefix, offset, length));
    }

    /** Rejects an input longer than {@link ReaderLimits#maxDocumentBytes()}, of which {@code prefix} is the start. */
    public void rejectOversizeDocument(byte[] prefix, int offset, int length, long actualLength, ReadSink sink) {
        sink.rejected(
                Reason.OVERSIZE,
                "input of " + actualLength + " bytes exceeds the limit of " + limits.maxDocumentBytes() + " bytes",
                redactor.copy(prefix, offset, length));
    }

    AuditEventReader audit() {
        return audit;
    }

    AksEnvelopeReader aks() {
        return aks;
    }

    FalcoAlertReader falco() {
        return falco;
    }

    DlqRedactor redactor() {
        return redactor;
    }
}
