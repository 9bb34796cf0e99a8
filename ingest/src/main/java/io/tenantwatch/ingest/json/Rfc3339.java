package io.tenantwatch.ingest.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps to {@link Instant}, keeping nanoseconds. Audit events and Falco alerts almost
 * always use the UTC form {@code 2020-05-05T16:16:37.655912Z}; that form is parsed by hand (a
 * DateTimeFormatter costs about a microsecond per call, a noticeable share of an event's budget),
 * anything else falls back to {@link OffsetDateTime#parse}.
 */
public final class Rfc3339 {

    private Rfc3339() {}

    /** @throws DateTimeException when the text is not an RFC 3339 date-time */
    public static Instant parse(String s) {
        Instant fast = parseUtc(s);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeException("not an RFC 3339 date-time");
        }
    }

    /** YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z, or null when the text has another shape. */
    private static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || (s.charAt(n - 1) != 'Z' && s.charAt(n - 1) != 'z')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        int end = n - 1;
        if (end > 19) {
            int fractionDigits = end - 20;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = LocalDate.of(year, month, day).toEpochDay(); // validates month and day
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
