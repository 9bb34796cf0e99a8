package io.tenantwatch.schemas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit event's {@code requestURI} as detectors read it: the path, and the query's parameters by
 * name ({@code labelSelector}, an exec's {@code command}, a port-forward's {@code ports}). Most events
 * never ask, so nothing is split until a parameter is looked up; then the query is split once, into
 * offsets, and each lookup decodes only the values it returns.
 *
 * <p>A value is URL-decoded as a form value ({@code +} is a space); a value holding a malformed
 * escape is kept exactly as sent rather than failing the event. Redaction reads the same query with
 * its own, more lenient decoding ({@code redact.UriCoding}, which decodes around a malformed
 * escape so that nothing can hide from it); it shares {@link #queryStart} with this class.
 */
public final class RequestUri {

    private static final int[] NO_PARAMETERS = new int[0];

    private final String uri;
    private final int queryStart;
    /** Start and end offsets in {@link #uri} of each {@code name=value} part of the query, once split. */
    private int[] parameters;

    private RequestUri(String uri) {
        this.uri = uri;
        this.queryStart = queryStart(uri);
    }

    /** The request URI {@code uri}; null (a Falco alert, an event without one) has no path and no parameters. */
    public static RequestUri of(String uri) {
        return new RequestUri(uri);
    }

    /** Where the query of {@code uri} begins: the index of its {@code '?'}; -1 when it has none or is null. */
    public static int queryStart(String uri) {
        return uri == null ? -1 : uri.indexOf('?');
    }

    /** The path of {@code uri}, without its query; null stays null. */
    public static String pathOf(String uri) {
        int q = queryStart(uri);
        return q < 0 ? uri : uri.substring(0, q);
    }

    public String path() {
        return queryStart < 0 ? uri : uri.substring(0, queryStart);
    }

    /**
     * The first value of the parameter {@code name}, decoded; null when the query has none. The API
     * server, too, takes the first value of a parameter that repeats.
     */
    public String param(String name) {
        int[] p = parameters();
        for (int i = 0; i < p.length; i += 2) {
            if (isNamed(p[i], p[i + 1], name)) {
                return decode(uri.substring(p[i] + name.length() + 1, p[i + 1]));
            }
        }
        return null;
    }

    /** Every value of the parameter {@code name}, decoded, in order; empty when there is none. */
    public List<String> params(String name) {
        int[] p = parameters();
        List<String> values = null;
        for (int i = 0; i < p.length; i += 2) {
            if (isNamed(p[i], p[i + 1], name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(decode(uri.substring(p[i] + name.length() + 1, p[i + 1])));
            }
        }
        return values == null ? List.of() : values;
    }

    /** The part from {@code start} to {@code end} is {@code name=...} (a bare {@code name} has no value). */
    private boolean isNamed(int start, int end, String name) {
        return end - start > name.length() && uri.startsWith(name, start) && uri.charAt(start + name.length()) == '=';
    }

    private int[] parameters() {
        if (parameters == null) {
            parameters = split();
        }
        return parameters;
    }

    /** Every part of the query; an empty one (a doubled or trailing {@code &}) names nothing, so no lookup matches it. */
    private int[] split() {
        if (queryStart < 0) {
            return NO_PARAMETERS;
        }
        int parts = 1;
        for (int i = uri.indexOf('&', queryStart + 1); i >= 0; i = uri.indexOf('&', i + 1)) {
            parts++;
        }
        int[] offsets = new int[2 * parts];
        int start = queryStart + 1;
        for (int n = 0; n < offsets.length; n += 2) {
            int end = uri.indexOf('&', start);
            offsets[n] = start;
            offsets[n + 1] = end < 0 ? uri.length() : end;
            start = offsets[n + 1] + 1;
        }
        return offsets;
    }

    /** Form decoding; a value without an escape or a plus is returned as it is, without allocating. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
