package io.tenantwatch.detectors.workload;

import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.util.List;

/**
 * The name of the workload a pod-spec write belongs to, so that a Deployment, its ReplicaSets and
 * their pods are one group B finding (docs/detectors.md): the fingerprint names the workload, not the
 * writer, and one privileged Deployment rolled out over ten pods is one alert stream, not eleven.
 *
 * <ul>
 *   <li>a pod: its owner; when the owner is a ReplicaSet named {@code <deployment>-<pod-template-hash>},
 *       the Deployment's name (the pod carries the hash as a label);</li>
 *   <li>a ReplicaSet owned by a Deployment: the Deployment's name;</li>
 *   <li>anything else (a Deployment, StatefulSet, DaemonSet, Job, CronJob, bare pod): its own name.</li>
 * </ul>
 */
public final class WorkloadRoot {

    private WorkloadRoot() {}

    /** The root workload's name, or null when the event names neither an owner nor the object. */
    public static String of(NormalizedEvent event) {
        ResourceRef ref = event.resource();
        if (ref == null) {
            return null;
        }
        Facts.OwnerRef owner = controller(event.facts().ownerReferences());
        if ("pods".equals(ref.resource()) && owner != null && owner.name() != null) {
            Facts.PodSpec podSpec = event.facts().podSpec();
            String hash = podSpec == null ? null : podSpec.podTemplateHash();
            return "ReplicaSet".equals(owner.kind()) ? withoutHashSuffix(owner.name(), hash) : owner.name();
        }
        if ("replicasets".equals(ref.resource())
                && owner != null
                && "Deployment".equals(owner.kind())
                && owner.name() != null) {
            return owner.name();
        }
        return ref.name();
    }

    /** The controlling owner (the one a controller manages the object through), else the first. */
    private static Facts.OwnerRef controller(List<Facts.OwnerRef> owners) {
        for (Facts.OwnerRef owner : owners) {
            if (owner.controller()) {
                return owner;
            }
        }
        return owners.isEmpty() ? null : owners.get(0);
    }

    /** {@code web-7d4b9c8f5} with hash {@code 7d4b9c8f5} → {@code web}; otherwise the name unchanged. */
    static String withoutHashSuffix(String replicaSet, String hash) {
        if (hash == null || hash.isEmpty()) {
            return replicaSet;
        }
        int dash = replicaSet.length() - hash.length() - 1;
        if (dash > 0 && replicaSet.charAt(dash) == '-' && replicaSet.endsWith(hash)) {
            return replicaSet.substring(0, dash);
        }
        return replicaSet;
    }
}
