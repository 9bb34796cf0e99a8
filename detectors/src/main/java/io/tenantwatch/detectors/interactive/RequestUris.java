package io.tenantwatch.detectors.interactive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the parts of a request URI that group C reports beyond the exec command (which
 * {@link io.tenantwatch.detectors.EventContext#execCommand()} parses): the values of one query
 * parameter, and the path a {@code nodes/proxy} request forwards to the kubelet. Called only when
 * a detector raises.
 */
final class RequestUris {

    private static final String PROXY = "/proxy";

    private RequestUris() {}

    /** The URL-decoded values of {@code name} in the query, in order; empty when there are none. */
    static List<String> queryValues(String requestURI, String name) {
        if (requestURI == null) {
            return List.of();
        }
        int query = requestURI.indexOf('?');
        if (query < 0) {
            return List.of();
        }
        String prefix = name + "=";
        List<String> values = new ArrayList<>(1);
        int start = query + 1;
        while (start < requestURI.length()) {
            int end = requestURI.indexOf('&', start);
            if (end < 0) {
                end = requestURI.length();
            }
            if (requestURI.startsWith(prefix, start)) {
                values.add(decode(requestURI.substring(start + prefix.length(), end)));
            }
            start = end + 1;
        }
        return values;
    }

    /**
     * What a {@code nodes/NAME/proxy/PATH} request asks the kubelet for: {@code /PATH} with its
     * query ({@code /runningpods/}, {@code /exec/ns/pod/container?command=id}), {@code /} when
     * the request names no path, null when the URI is not a node proxy request.
     */
    static String kubeletPath(String requestURI, String node) {
        if (requestURI == null) {
            return null;
        }
        int nodes = requestURI.indexOf("/nodes/");
        if (nodes < 0) {
            return null;
        }
        int proxy = requestURI.indexOf(PROXY, nodes + "/nodes/".length() + (node == null ? 0 : node.length()));
        if (proxy < 0) {
            return null;
        }
        String path = requestURI.substring(proxy + PROXY.length());
        if (path.isEmpty() || path.charAt(0) == '?') {
            return "/" + path;
        }
        return path.charAt(0) == '/' ? path : null;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
