package io.tenantwatch.ingest.tenancy.cluster;

import java.time.Instant;
import java.util.Map;

/**
 * What the directory keeps of a Namespace: its identity (name and uid, so that a namespace
 * created again under the same name is told apart), its labels, and the Capsule Tenant named by
 * its owner references, if any.
 */
public record NamespaceObject(
        String name, String uid, Map<String, String> labels, String capsuleOwner, Instant created) {

    public NamespaceObject {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
