package io.tenantwatch.ingest;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;

/**
 * What reading one item gave. Format readers return it; {@link InputReader} alone turns it into a
 * {@link ReadSink} call, because only it knows the item's bytes for a rejection.
 */
public sealed interface ReadResult {

    record Accepted(NormalizedEvent event) implements ReadResult {}

    record Skipped(Reason reason, String detail) implements ReadResult {}

    record Rejected(Reason reason, String detail) implements ReadResult {}

    static ReadResult accept(NormalizedEvent event) {
        return new Accepted(event);
    }

    static Skipped skip(Reason reason, String detail) {
        if (reason.rejected()) {
            throw new IllegalArgumentException(reason + " is a rejection, not a skip");
        }
        return new Skipped(reason, detail);
    }

    static Rejected reject(Reason reason, String detail) {
        if (!reason.rejected()) {
            throw new IllegalArgumentException(reason + " is a skip, not a rejection");
        }
        return new Rejected(reason, detail);
    }

    /** Input text quoted in a detail (a category, a stage) is cut, so a detail stays one short line. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), 64) + 3).append('\'');
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.append(value.length() > 64 ? "…'" : "'").toString();
    }
}
