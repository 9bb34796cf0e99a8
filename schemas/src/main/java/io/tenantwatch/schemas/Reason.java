package io.tenantwatch.schemas;

/**
 * The one vocabulary of skip and rejection reasons (docs/formats.md): the replay summary, the DLQ
 * header and the metric label all use {@link #label()}.
 */
public enum Reason {
    // Skipped by design: counted, never sent to the DLQ.
    OTHER_CATEGORY("other-category", false),
    NOT_AUDIT("not-audit", false),
    NOT_RUNTIME("not-runtime", false),
    STAGE("stage", false),
    DUPLICATE("duplicate", false),
    // Rejected: counted and sent to the DLQ with this reason.
    INVALID_JSON("invalid-json", true),
    TRUNCATED("truncated", true),
    INVALID_UTF8("invalid-utf8", true),
    OVERSIZE("oversize", true),
    TOO_DEEP("too-deep", true),
    BAD_FIELD_TYPE("bad-field-type", true),
    MISSING_FIELD("missing-field", true),
    UNRECOGNIZED_FORMAT("unrecognized-format", true);

    private final String label;
    private final boolean rejected;

    Reason(String label, boolean rejected) {
        this.label = label;
        this.rejected = rejected;
    }

    public String label() {
        return label;
    }

    /** True for reasons that send the record to the DLQ; false for by-design skips. */
    public boolean rejected() {
        return rejected;
    }

    @Override
    public String toString() {
        return label;
    }
}
