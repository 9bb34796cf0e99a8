package io.tenantwatch.detectors.interactive;

/**
 * The path a {@code nodes/proxy} request forwards to the kubelet, read from its request URI (query
 * parameters are {@link io.tenantwatch.detectors.EventContext#queryParams}'s). Called only when
 * a detector raises.
 */
final class RequestUris {

    private static final String PROXY = "/proxy";

    private RequestUris() {}

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
}
