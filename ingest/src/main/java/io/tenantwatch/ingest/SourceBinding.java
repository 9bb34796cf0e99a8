package io.tenantwatch.ingest;

import io.tenantwatch.schemas.ClusterNames;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical cluster name bound to a source (docs/formats.md, "Cluster identity").
 *
 * <p>In service mode each Event Hub, receiver path or kubeconfig context is configured with a
 * cluster name; AKS records map their {@code resourceId} through a configured map (ARM ids are
 * case-insensitive, so keys are compared lower-cased), else to the id's last segment lower-cased.
 * In fixed mode (replay) every event gets the one name, so that events of one run always join.
 *
 * @param cluster              the bound name
 * @param clustersByResourceId lower-cased ARM resource id → cluster name (service mode only)
 * @param fixed                true when every event gets {@code cluster} whatever its resourceId
 */
public record SourceBinding(String cluster, Map<String, String> clustersByResourceId, boolean fixed) {

    public SourceBinding {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("a source needs a cluster name");
        }
        if (!ClusterNames.isValid(cluster)) {
            throw new IllegalArgumentException(
                    "invalid cluster name '" + printable(cluster) + "': " + ClusterNames.RULE);
        }
        Map<String, String> lower = new HashMap<>();
        if (clustersByResourceId != null) {
            clustersByResourceId.forEach((id, name) -> {
                if (!ClusterNames.isValid(name)) {
                    throw new IllegalArgumentException("invalid cluster name '" + printable(name) + "' for "
                            + printable(id) + ": " + ClusterNames.RULE);
                }
                lower.put(normalize(id), name);
            });
        }
        clustersByResourceId = Map.copyOf(lower);
    }

    /** Replay: every event gets {@code cluster}; an AKS resourceId is still kept as clusterResourceId. */
    public static SourceBinding fixed(String cluster) {
        return new SourceBinding(cluster, Map.of(), true);
    }

    /** The service: {@code cluster} for audit and Falco input, resource ids mapped for AKS records. */
    public static SourceBinding service(String cluster, Map<String, String> clustersByResourceId) {
        return new SourceBinding(cluster, clustersByResourceId, false);
    }

    /**
     * The cluster name of an event; {@code resourceId} is an AKS record's, null for other input.
     * Null when the id's last segment is no valid cluster name, which the caller rejects: an id is
     * the sender's text, and its name would become a label and a key. The caller has checked the
     * id itself with {@link #isValidResourceId}, in replay too.
     */
    public String clusterFor(String resourceId) {
        if (fixed || resourceId == null || resourceId.isBlank()) {
            return cluster;
        }
        String id = normalize(resourceId);
        String mapped = clustersByResourceId.get(id);
        if (mapped != null) {
            return mapped;
        }
        String last = id.substring(id.lastIndexOf('/') + 1);
        return last.isEmpty() ? cluster : ClusterNames.isValid(last) ? last : null;
    }

    /** An ARM id as AKS writes it: printable ASCII without spaces, at most {@value #MAX_RESOURCE_ID} characters. */
    public static boolean isValidResourceId(String resourceId) {
        if (resourceId.length() > MAX_RESOURCE_ID) {
            return false;
        }
        for (int i = 0; i < resourceId.length(); i++) {
            char c = resourceId.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** ARM ids are at most a few hundred characters; this leaves room and stops a 5,000-character one. */
    public static final int MAX_RESOURCE_ID = 1024;

    /** A name quoted in a configuration message: printable, and short. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > 80 ? out.append('…').toString() : out.toString();
    }

    private static String normalize(String resourceId) {
        String id = resourceId.trim().toLowerCase(Locale.ROOT);
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return id;
    }
}
