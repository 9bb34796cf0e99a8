package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code first-seen-access}: a non-platform actor writes, execs or reads Secrets in a tenant's
 * namespace for the first time in {@code retention} (14 days by default); silent during the
 * {@code learningPeriod} (7 days from the first such access seen), so that a cold start learns
 * who normally works where instead of alerting on everyone.
 *
 * <p>Why it matters: most identities touch the same tenants week after week. A developer who
 * suddenly writes into another team's namespace, or a CI identity that starts reading Secrets in
 * a tenant it never deployed to, is a change worth a look even when RBAC allows it (and in a
 * tenant of its own, when the identity has been idle for two weeks: a dormant credential coming
 * back to life). Low severity: it is context for the other alerts more than a finding by itself.
 *
 * <p>Counted: allowed requests in a namespace that belongs to a tenant (not the platform, not
 * unmapped) with a write verb, an exec-like subresource, or on Secrets (any verb). State is one
 * entry per (cluster, actor, tenant): the last such access, dropped after {@code retention} of
 * stream time without one, so it stays bounded by the identities active in the last two weeks.
 * The learning period starts at the first access each partition of the topology sees.
 */
public final class FirstSeenAccess extends BaseDetector implements ObservingDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "first-seen-access",
            DetectorGroup.STATEFUL,
            Severity.LOW,
            "Lateral Movement",
            null,
            "First access to a tenant in a long time");

    static final ParamSpec RETENTION = ParamSpec.duration(
            "retention",
            Duration.ofDays(14),
            "How long an (actor, tenant) pair is remembered after its last access; a later access is first-seen again.");
    static final ParamSpec LEARNING_PERIOD = ParamSpec.duration(
            "learningPeriod",
            Duration.ofDays(7),
            "Silent for this long after the first access seen, while the usual pairs are learned.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(RETENTION, LEARNING_PERIOD), FirstSeenAccess::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final Duration retention;
    private final Duration learningPeriod;

    public FirstSeenAccess() {
        this(Params.defaults());
    }

    FirstSeenAccess(Params params) {
        super(SPEC, ANY_AUDIT);
        this.retention = params.duration(RETENTION);
        this.learningPeriod = params.duration(LEARNING_PERIOD);
    }

    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (event.isPlatformActor() || !event.inTenantNamespace() || !event.isAllowed()) {
            return;
        }
        if (event.isWriteVerb() || event.isExecLike() || "secrets".equals(event.resource())) {
            observations.accept(Observation.of(SPEC, event));
        }
    }

    Duration retention() {
        return retention;
    }

    Duration learningPeriod() {
        return learningPeriod;
    }

    /** The alert for an observation that is the pair's first in {@code retention}. */
    Alert alert(Observation observation, Long previous) {
        String username = observation.username();
        String tenant = observation.tenant();
        List<String> details = new ArrayList<>(2);
        details.add(
                previous == null
                        ? "no access of this identity to tenant " + tenant + " in the last "
                                + AlertPhrases.duration(retention)
                        : "previous access to tenant " + tenant + ": " + Instant.ofEpochMilli(previous));
        details.add("actor tenants: " + String.join(", ", observation.actorTenants()));
        return Finding.from(SPEC, observation)
                .fingerprint(tenant, username, null, null, null, null)
                .summary(AlertPhrases.actor(observation) + " " + AlertPhrases.request(observation) + " in "
                        + AlertPhrases.place(observation.namespace(), tenant)
                        + ": its first write, exec or secret access in tenant "
                        + tenant + " in " + AlertPhrases.duration(retention))
                .details(details)
                .build();
    }
}
