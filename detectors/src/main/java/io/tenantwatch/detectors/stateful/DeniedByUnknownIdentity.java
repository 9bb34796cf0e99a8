package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.rbac.AnonymousAccess;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code denied-by-unknown-identity}: an identity with no tenant and no role in the cluster's
 * tenancy (actor class {@code anonymous} or {@code unattributed}: no credentials, an Entra user or
 * external identity no tenancy source names, a service account of an unmapped namespace, a
 * request whose credentials failed) is denied at least {@code minDenials} requests within one
 * window (default 1 in 1 hour); one alert per identity and window lists what it tried.
 *
 * <p>Why it matters: {@code cross-tenant-denied} and {@code forbidden-burst} need an identity the
 * cluster knows or a burst; an identity nobody gave a tenant has no business asking at all, so
 * its refusals are worth a look one by one: a token found elsewhere being tried, an internet
 * scanner on a public API server, a workload in a namespace the tenancy file forgot. It is a new
 * finding, not a wider {@code cross-tenant-denied}, which says that a tenant's member tried
 * another tenant and names both; here there is no home tenant, and the target may be cluster
 * scope or a platform namespace. The hour-long window keeps a scanner that never stops to one
 * alert an hour.
 *
 * <p>Does not fire for: platform identities (kubelets and controllers refused during start-up
 * or RBAC propagation), admins and tenant members (the other denial detectors judge them);
 * identities in {@code ignoredIdentities}, by default bootstrap tokens ({@code system:bootstrap:*}),
 * whose kubelets hold them only until their node certificate is signed; requests to the
 * unauthenticated health and version endpoints ({@code /healthz}, {@code /livez},
 * {@code /readyz}, {@code /version}), which load balancers probe; allowed and failed requests.
 */
public final class DeniedByUnknownIdentity extends BaseDetector implements WindowedDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "denied-by-unknown-identity",
            DetectorGroup.STATEFUL,
            Severity.LOW,
            "Discovery",
            "T1613 Container and Resource Discovery",
            "Denied requests by an identity without a tenant");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window",
            Duration.ofHours(1),
            "Length of the tumbling event-time window the denials are counted in: one alert per identity and window.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace",
            Duration.ofMinutes(5),
            "How long after a window's end late events still count; the alert waits for it.");
    static final ParamSpec MIN_DENIALS = ParamSpec.integer(
            "minDenials", 1, "Denials of one anonymous or unattributed identity in one window that raise.");
    static final ParamSpec IGNORED_IDENTITIES = ParamSpec.stringList(
            "ignoredIdentities",
            List.of("system:bootstrap:*"),
            "Usernames (globs) whose denials do not count; the default is kubelets' bootstrap tokens.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(WINDOW, GRACE, MIN_DENIALS, IGNORED_IDENTITIES), DeniedByUnknownIdentity::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final Duration window;
    private final Duration grace;
    private final long minDenials;
    private final List<Glob> ignoredIdentities;

    public DeniedByUnknownIdentity() {
        this(Params.defaults());
    }

    DeniedByUnknownIdentity(Params params) {
        super(SPEC, ANY_AUDIT);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
        this.minDenials = Math.max(1, params.integer(MIN_DENIALS));
        List<Glob> globs = new ArrayList<>();
        params.stringList(IGNORED_IDENTITIES).forEach(g -> globs.add(Glob.compile(g)));
        this.ignoredIdentities = List.copyOf(globs);
    }

    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        ActorClass actorClass = event.actorClass();
        if (!event.isDenied()
                || (actorClass != ActorClass.ANONYMOUS && actorClass != ActorClass.UNATTRIBUTED)
                || AnonymousAccess.isPublic(event.requestPath())
                || ignored(event.actor())) {
            return;
        }
        observations.accept(Observation.of(SPEC, event));
    }

    private boolean ignored(Actor actor) {
        return actor != null && Glob.anyMatches(ignoredIdentities, actor.username());
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    /** What it tried: the request path. */
    @Override
    public String firstValue(Observation observation) {
        return Observations.requestPath(observation);
    }

    @Override
    public boolean fires(ActorWindow w) {
        return w.count() >= minDenials;
    }

    @Override
    public String summary(ActorWindow w) {
        int targets = w.first().size();
        return AlertPhrases.actor(w.actor(), w.actorTenants()) + ", which has no tenant, was denied " + w.count()
                + (w.count() == 1 ? " request" : " requests") + " on "
                + (targets >= valuesKept() ? "at least " : "") + targets + (targets == 1 ? " target" : " targets")
                + " within " + AlertPhrases.duration(window) + " (" + AlertPhrases.list(w.first(), 3) + ")";
    }

    @Override
    public List<String> details(ActorWindow w) {
        return List.of("denied targets: " + String.join(", ", w.first()));
    }
}
