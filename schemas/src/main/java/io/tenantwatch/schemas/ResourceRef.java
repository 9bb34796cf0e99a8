package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Set;

/** The object a request is about (audit {@code objectRef}); every field may be null. */
public record ResourceRef(String apiGroup, String resource, String subresource, String namespace, String name) {

    /** Subresources of requests that open a session: a shell, a stream or a tunnel into a pod or node. */
    private static final Set<String> EXEC_LIKE_SUBRESOURCES = Set.of("exec", "attach", "portforward", "proxy");

    /**
     * Subresource exec, attach, portforward or proxy, whatever the verb (create, or get for WebSocket
     * clients): the request's connection stays open for the whole session, so its audit events are
     * counted at {@code ResponseStarted} as well as at {@code ResponseComplete}.
     */
    @JsonIgnore
    public boolean isExecLike() {
        return subresource != null && EXEC_LIKE_SUBRESOURCES.contains(subresource);
    }

    /** "resource/subresource" or "resource"; null when there is no resource (non-resource URLs). */
    public String qualifiedResource() {
        if (resource == null) {
            return null;
        }
        return subresource == null ? resource : resource + "/" + subresource;
    }
}
