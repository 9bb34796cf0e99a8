package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The events group B examines (docs/detectors.md, "Pod spec sources"): an allowed create, update or
 * patch of a pod or of any pod template, by any writer (controllers included: a pod made by the
 * replicaset controller still runs privileged), except writes by platform identities in platform
 * namespaces, where AKS add-ons run privileged by design.
 */
public final class PodSpecWrites {

    /** Pods and every kind that carries a pod template. */
    public static final Set<String> RESOURCES = Set.of(
            "pods",
            "deployments",
            "replicasets",
            "statefulsets",
            "daemonsets",
            "jobs",
            "cronjobs",
            "replicationcontrollers");

    private static final Trigger TRIGGER = new Trigger(Set.of(NormalizedEvent.SOURCE_AUDIT), RESOURCES);
    private static final Set<String> VERBS = Set.of("create", "update", "patch");
    /**
     * The one subresource that carries a pod spec: ephemeral containers only ever enter a pod
     * through it ({@code kubectl debug}). Every other subresource ({@code status}, {@code scale},
     * {@code binding}, {@code eviction}) describes something else and is never read for spec facts.
     */
    private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";

    private PodSpecWrites() {}

    /**
     * The pod spec to examine, or null when the event is not a pod-spec write group B looks at.
     *
     * @param ignorePlatformInPlatformNamespaces the catalogue default (true): skip writes by
     *        platform identities in platform namespaces
     */
    public static Facts.PodSpec examined(EventContext event, boolean ignorePlatformInPlatformNamespaces) {
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (podSpec == null || !VERBS.contains(event.verb()) || !event.isAllowed()) {
            return null;
        }
        String subresource = event.subresource();
        if (subresource != null && !(EPHEMERAL_CONTAINERS.equals(subresource) && "pods".equals(event.resource()))) {
            return null;
        }
        if (ignorePlatformInPlatformNamespaces && event.inPlatformNamespace() && event.isPlatformActor()) {
            return null;
        }
        return podSpec;
    }

    /**
     * A group B detector that reads the pod spec of the writes above. Every one of them takes the
     * same trigger and the same platform switch, and skips every event that is not such a write;
     * that is written here once, and a detector only says what in the spec it raises on.
     */
    abstract static class PodSpecDetector extends BaseDetector {

        /** Every pod-spec detector's switch: AKS add-ons in platform namespaces run privileged by design. */
        static final ParamSpec IGNORE_PLATFORM = ParamSpec.bool(
                "ignorePlatformInPlatformNamespaces",
                true,
                "Ignore writes by platform identities in platform namespaces (AKS add-ons run privileged by design).");

        private final boolean ignorePlatformInPlatformNamespaces;

        /**
         * @param ignorePlatformInPlatformNamespaces the catalogue default (true): skip writes by
         *        platform identities in platform namespaces
         */
        PodSpecDetector(DetectorSpec spec, boolean ignorePlatformInPlatformNamespaces) {
            super(spec, TRIGGER);
            this.ignorePlatformInPlatformNamespaces = ignorePlatformInPlatformNamespaces;
        }

        @Override
        public final void examine(EventContext event, Consumer<Alert> alerts) {
            Facts.PodSpec podSpec = examined(event, ignorePlatformInPlatformNamespaces);
            if (podSpec != null) {
                examine(event, podSpec, alerts);
            }
        }

        /** Raises on the pod spec of a write this group looks at ({@link PodSpecWrites#examined}). */
        abstract void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts);
    }
}
