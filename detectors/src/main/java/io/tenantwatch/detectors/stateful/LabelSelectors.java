package io.tenantwatch.detectors.stateful;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The label selector of a list request, read from its requestURI. The same reading as
 * {@code cluster-wide-secret-list}'s, which keeps its own copy package-private.
 */
final class LabelSelectors {

    private static final String PARAMETER = "labelSelector=";

    private LabelSelectors() {}

    /**
     * True when one of the selector's requirements is {@code owner=helm} (or {@code owner==helm}):
     * requirements are ANDed, so such a list returns Helm's release records and nothing else.
     */
    static boolean isHelmReleaseQuery(String requestURI) {
        String selector = labelSelector(requestURI);
        if (selector == null) {
            return false;
        }
        for (String requirement : selector.split(",")) {
            String compact = requirement.replace(" ", "").replace("\t", "");
            if ("owner=helm".equals(compact) || "owner==helm".equals(compact)) {
                return true;
            }
        }
        return false;
    }

    /** The first labelSelector parameter, URL-decoded; null when absent. */
    static String labelSelector(String requestURI) {
        int query = requestURI == null ? -1 : requestURI.indexOf('?');
        if (query < 0) {
            return null;
        }
        int start = query + 1;
        while (start < requestURI.length()) {
            int end = requestURI.indexOf('&', start);
            if (end < 0) {
                end = requestURI.length();
            }
            if (requestURI.startsWith(PARAMETER, start)) {
                String raw = requestURI.substring(start + PARAMETER.length(), end);
                try {
                    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return raw;
                }
            }
            start = end + 1;
        }
        return null;
    }
}
