package io.tenantwatch.schemas;

/** The object a request is about (audit {@code objectRef}); every field may be null. */
public record ResourceRef(String apiGroup, String resource, String subresource, String namespace, String name) {

    /** "resource/subresource" or "resource"; null when there is no resource (non-resource URLs). */
    public String qualifiedResource() {
        if (resource == null) {
            return null;
        }
        return subresource == null ? resource : resource + "/" + subresource;
    }
}
