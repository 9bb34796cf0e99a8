package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code unmapped-namespace}: activity in a namespace that no tenancy source maps to a tenant or to
 * the platform, at most once per namespace per hour.
 *
 * <p>Why it matters: an unmapped namespace is a blind spot: no cross-tenant detector can fire in
 * it, and it is never silently treated as the platform's. The fix is a tenancy label, a Capsule
 * tenant, or a line in the tenancy file. Info.
 *
 * <p>Does not fire for: cluster-scoped requests; Falco alerts without a namespace (attributed to
 * the platform). With a cluster directory, an event for a namespace nobody knows yet waits up to
 * the tenancy grace (30 s of event time by default) before it is judged here, so a namespace created
 * a moment ago is not reported; from the tenancy file alone, the first event decides.
 */
public final class UnmappedNamespace extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "unmapped-namespace",
            DetectorGroup.CROSS_TENANT,
            Severity.INFO,
            "Defense Evasion",
            null,
            "Activity in a namespace no tenant owns");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, UnmappedNamespace::new);

    private static final Trigger EVERYTHING =
            new Trigger(Set.of(NormalizedEvent.SOURCE_AUDIT, NormalizedEvent.SOURCE_FALCO), Set.of());
    private static final Duration ONCE_PER = Duration.ofHours(1);

    public UnmappedNamespace() {
        super(SPEC, EVERYTHING);
    }

    @Override
    public Duration oncePer() {
        return ONCE_PER;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (event.namespace() == null || event.targetTenant() != null) {
            return;
        }
        alerts.accept(AlertBuilder.of(SPEC, event)
                .fingerprintPerNamespace()
                .summary("namespace " + event.namespace()
                        + " belongs to no tenant and is not a platform namespace; first seen: " + Phrases.actor(event)
                        + " " + (event.event().isFalco() ? "raised a Falco alert" : Phrases.request(event)))
                .detail("map it with a tenant label, a Capsule tenant or the tenancy file")
                .build());
    }
}
