package io.tenantwatch.ingest.kafka;

import io.tenantwatch.schemas.Reason;
import java.util.Objects;

/**
 * One rejected record for {@code tw.dlq} (docs/architecture.md, "Kafka topics"): the redacted copy of
 * the original bytes that {@link io.tenantwatch.ingest.ReadSink#rejected} hands over, and why.
 *
 * @param key      the record key: the bound cluster, or null when there is none
 * @param stage    which stage rejected it ({@code tw.stage}), e.g. {@link #STAGE_RECEIVER}
 * @param reason   a rejection reason ({@code tw.reason}); never a by-design skip
 * @param detail   what is wrong and where ({@code tw.detail}), never the input's text; may be null
 * @param original the redacted original bytes (may be empty, never null)
 */
public record DeadLetter(String key, String stage, Reason reason, String detail, byte[] original) {

    /** The HTTP receivers' stage name. */
    public static final String STAGE_RECEIVER = "receiver";

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        if (!reason.rejected()) {
            throw new IllegalArgumentException(reason + " is a skip, not a rejection: skips are never dead-lettered");
        }
        original = original == null ? new byte[0] : original;
    }
}
