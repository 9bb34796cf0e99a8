package io.tenantwatch.detectors;

import java.util.Set;

/**
 * Which events a detector can possibly fire on, so that the registry hands each event only to
 * the detectors that might match (the per-event cost must not grow with the catalogue).
 *
 * @param sources     event sources ({@code k8s-audit}, {@code falco}); never empty
 * @param resources   audit resources (e.g. {@code pods}); empty means any resource, including none
 */
public record Trigger(Set<String> sources, Set<String> resources) {

    private static final Set<String> AUDIT = Set.of(io.tenantwatch.schemas.NormalizedEvent.SOURCE_AUDIT);

    public Trigger {
        sources = Set.copyOf(sources);
        resources = Set.copyOf(resources);
    }

    /** Audit events on any resource. */
    public static Trigger anyAudit() {
        return new Trigger(AUDIT, Set.of());
    }

    /** Audit events on one of these resources. */
    public static Trigger audit(String... resources) {
        return new Trigger(AUDIT, Set.of(resources));
    }

    /** Falco alerts. */
    public static Trigger falco() {
        return new Trigger(Set.of(io.tenantwatch.schemas.NormalizedEvent.SOURCE_FALCO), Set.of());
    }
}
