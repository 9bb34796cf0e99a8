package io.tenantwatch.ingest.audit;

import io.tenantwatch.schemas.ResourceRef;

/**
 * Which audit stages count (docs/detectors.md, "Counted audit event"). One request yields at most one
 * counted event: its ResponseComplete, except for exec-like requests, whose connection stays open
 * for the whole session; for them ResponseStarted is the moment the access happened. Yet an audit
 * policy or feed may omit ResponseStarted ({@code omitStages}), and skipping their ResponseComplete
 * then blinds every exec detector without a sign: so both stages of an exec-like request pass, and
 * deduplication on (cluster, auditID) downstream keeps whichever arrives first.
 */
final class StagePolicy {

    static final String RESPONSE_COMPLETE = "ResponseComplete";
    static final String RESPONSE_STARTED = "ResponseStarted";

    private StagePolicy() {}

    static boolean isExecLike(ResourceRef ref) {
        return ref != null && ref.isExecLike();
    }

    /** Null when the event counts, else why it is skipped (constant strings: skips are frequent). */
    static String skipDetail(String stage, ResourceRef ref) {
        boolean execLike = isExecLike(ref);
        return switch (stage) {
            case RESPONSE_COMPLETE -> null;
            case RESPONSE_STARTED -> execLike ? null : "ResponseStarted of a request that is not exec-like";
            case "RequestReceived" -> "RequestReceived never counts";
            case "Panic" -> "Panic never counts";
            default -> "unknown stage";
        };
    }
}
