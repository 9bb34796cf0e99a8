package io.tenantwatch.detectors.workload;

import java.util.Locale;

/**
 * A container image reference split the way Docker and containerd split it
 * ({@code distribution/reference}): {@code [registry/]repository[:tag][@digest]}.
 *
 * <ul>
 *   <li>The first path segment is a registry only when it contains a {@code .} or a {@code :}, is
 *       {@code localhost}, or has upper-case letters (repository paths cannot); otherwise the image
 *       is on Docker Hub: {@code nginx} and {@code aquasec/kube-hunter} are {@code docker.io}.</li>
 *   <li>{@code index.docker.io} is {@code docker.io}; a Docker Hub image with one segment is in
 *       {@code library/} ({@code nginx} is {@code docker.io/library/nginx}).</li>
 *   <li>The tag follows the last {@code :} after the registry; the digest follows {@code @}. Neither
 *       is part of the repository.</li>
 * </ul>
 *
 * @param registry   lower case, e.g. {@code docker.io}, {@code contoso.azurecr.io}, {@code localhost:5000}
 * @param repository the path inside the registry, lower case, e.g. {@code library/nginx}
 * @param tag        null when absent
 */
record ImageReference(String registry, String repository, String tag) {

    static final String DOCKER_HUB = "docker.io";
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";

    /** Null for a null or blank reference. */
    static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            return null;
        }
        String rest = image.trim();
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.indexOf('.') >= 0
                    || first.indexOf(':') >= 0
                    || first.equals("localhost")
                    || !first.equals(first.toLowerCase(Locale.ROOT))) {
                registry = first.toLowerCase(Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(LEGACY_DOCKER_HUB)) {
            registry = DOCKER_HUB;
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String repository = rest.toLowerCase(Locale.ROOT);
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        return new ImageReference(registry, repository, tag);
    }

    /** The repository's last path segment: {@code xmrig} for {@code docker.io/minerboy/xmrig:6.21}. */
    String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** Registry and repository: {@code docker.io/library/nginx}. */
    String qualifiedRepository() {
        return registry + "/" + repository;
    }

    /**
     * True when a list entry starts with a registry ({@code docker.io/xmrig/*}), by the same rule as
     * {@link #parse}; an entry without a slash is a name, never a registry.
     */
    static boolean namesRegistry(String entry) {
        int slash = entry.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String first = entry.substring(0, slash);
        return first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost");
    }
}
