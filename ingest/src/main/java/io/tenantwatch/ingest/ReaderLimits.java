package io.tenantwatch.ingest;

/**
 * Size and shape limits of the readers.
 *
 * @param maxRecordBytes   one record: a line, a single document, one item of an EventList, array or
 *                         Event Hubs body (docs/formats.md: 1 MiB by default)
 * @param maxDocumentBytes one input handed to {@link InputReader#read} as a whole, e.g. a webhook
 *                         body batching up to 400 events, or a pretty-printed file (16 MiB, the
 *                         receivers' body limit); bigger inputs are rejected before parsing
 * @param maxNestingDepth  arrays and objects nested deeper than this are rejected {@code too-deep}
 */
public record ReaderLimits(int maxRecordBytes, int maxDocumentBytes, int maxNestingDepth) {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 16 << 20;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    public static final ReaderLimits DEFAULTS =
            new ReaderLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_NESTING_DEPTH);

    public ReaderLimits {
        if (maxRecordBytes < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxDocumentBytes < maxRecordBytes) {
            throw new IllegalArgumentException("maxDocumentBytes (" + maxDocumentBytes
                    + ") must be at least maxRecordBytes (" + maxRecordBytes + ")");
        }
    }

    public ReaderLimits withMaxRecordBytes(int bytes) {
        return new ReaderLimits(bytes, Math.max(bytes, maxDocumentBytes), maxNestingDepth);
    }

    public ReaderLimits withMaxDocumentBytes(int bytes) {
        return new ReaderLimits(maxRecordBytes, bytes, maxNestingDepth);
    }

    public ReaderLimits withMaxNestingDepth(int depth) {
        return new ReaderLimits(maxRecordBytes, maxDocumentBytes, depth);
    }
}
