package io.tenantwatch.schemas;

/** Header names on {@code tw.dlq} records: which stage rejected the original bytes, and why. */
public final class DlqHeaders {
    public static final String STAGE = "tw.stage";
    public static final String REASON = "tw.reason";
    public static final String DETAIL = "tw.detail";
    public static final String SOURCE_TOPIC = "tw.source.topic";
    public static final String SOURCE_PARTITION = "tw.source.partition";
    public static final String SOURCE_OFFSET = "tw.source.offset";

    private DlqHeaders() {}
}
