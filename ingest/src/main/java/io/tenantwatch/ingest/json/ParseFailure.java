package io.tenantwatch.ingest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.tenantwatch.ingest.ReadResult;
import io.tenantwatch.schemas.Reason;

/**
 * Maps Jackson's parse failures onto the rejection vocabulary. The detail names the place, never
 * the text: Jackson's messages quote input tokens, and input may hold secrets.
 */
public final class ParseFailure {

    private ParseFailure() {}

    public static ReadResult.Rejected of(JsonProcessingException e, String where) {
        String at = location(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            String msg = String.valueOf(e.getOriginalMessage());
            return msg.contains("nesting depth")
                    ? ReadResult.reject(Reason.TOO_DEEP, where + "nesting deeper than the limit" + at)
                    : ReadResult.reject(Reason.OVERSIZE, where + "a value longer than the parser allows" + at);
        }
        if (isEndOfInput(e)) {
            return ReadResult.reject(Reason.TRUNCATED, where + "JSON ends before it is complete" + at);
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Invalid UTF-8")) {
            return ReadResult.reject(Reason.INVALID_UTF8, where + "invalid UTF-8" + at);
        }
        return ReadResult.reject(Reason.INVALID_JSON, where + "invalid JSON" + at);
    }

    /** Jackson reports most cut inputs as JsonEOFException, some (after a comma) only by message. */
    static boolean isEndOfInput(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
    }

    private static String location(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
