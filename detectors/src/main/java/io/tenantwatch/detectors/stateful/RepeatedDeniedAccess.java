package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code repeated-denied-access}: one actor is denied at least {@code minDenials} requests on one
 * target, the same request path, within one window (default 10 denials in 1 hour).
 *
 * <p>Why it matters: {@code forbidden-burst} sees a search across resources; this sees someone
 * who wants one particular thing and keeps asking for it: twenty denied reads of one Secret, an
 * exec into one pod tried again and again, ten 403s on one non-resource URL. Done slowly, a few
 * requests a minute, it never looks like a burst, which is why the window is long. The finding
 * is also how a workload whose RBAC lacks a permission shows up (it retries for ever), and fixing
 * that grant is worth doing too.
 *
 * <p>A target is the path of the request URI without its query (the API group and version,
 * namespace, resource, name and subresource, or the non-resource URL), so each window is one
 * actor and one path, and two paths of one actor are two alerts. A denial is docs/detectors.md's:
 * decision forbid, or code 401 or 403.
 *
 * <p>Does not count: denials of platform identities ({@code ignorePlatformActors}): kubelets are
 * refused a pod's Secret until the pod is bound to their node, and controllers retry through RBAC
 * propagation after an install; list and watch of a whole collection
 * ({@code countCollectionReads}), because dashboards, IDE plug-ins and informers poll the
 * collections they may not see (nodes, namespaces) all day, while a targeted request names its
 * object. Allowed and failed requests (404, 409, 5xx) never count.
 */
public final class RepeatedDeniedAccess extends BaseDetector implements WindowedDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "repeated-denied-access",
            DetectorGroup.STATEFUL,
            Severity.LOW,
            "Discovery",
            "T1613 Container and Resource Discovery",
            "Repeated denied requests on one target");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window",
            Duration.ofHours(1),
            "Length of the tumbling event-time window the denials are counted in; long, so slow retries add up.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace",
            Duration.ofMinutes(5),
            "How long after a window's end late events still count; the alert waits for it.");
    static final ParamSpec MIN_DENIALS = ParamSpec.integer(
            "minDenials", 10, "Denials of one actor on one target (request path) in one window that raise.");
    static final ParamSpec IGNORE_PLATFORM_ACTORS = ParamSpec.bool(
            "ignorePlatformActors",
            true,
            "Do not count denials of platform identities (kubelets, system controllers, the tenancy file's platform list).");
    static final ParamSpec COUNT_COLLECTION_READS = ParamSpec.bool(
            "countCollectionReads",
            false,
            "Count denied list and watch of a whole collection too (dashboards and informers poll those).");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(WINDOW, GRACE, MIN_DENIALS, IGNORE_PLATFORM_ACTORS, COUNT_COLLECTION_READS),
            RepeatedDeniedAccess::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final Duration window;
    private final Duration grace;
    private final long minDenials;
    private final boolean ignorePlatformActors;
    private final boolean countCollectionReads;

    public RepeatedDeniedAccess() {
        this(Params.defaults());
    }

    RepeatedDeniedAccess(Params params) {
        super(SPEC, ANY_AUDIT);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
        this.minDenials = Math.max(1, params.integer(MIN_DENIALS));
        this.ignorePlatformActors = params.bool(IGNORE_PLATFORM_ACTORS);
        this.countCollectionReads = params.bool(COUNT_COLLECTION_READS);
    }

    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (!event.isDenied()
                || event.requestPath() == null
                || (ignorePlatformActors && event.isPlatformActor())
                || (!countCollectionReads && isCollectionRead(event))) {
            return;
        }
        observations.accept(Observation.of(SPEC, event));
    }

    /** A list or watch of a resource collection rather than of one named object. */
    private static boolean isCollectionRead(EventContext event) {
        return event.resource() != null && event.resourceName() == null && event.isReadVerb();
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    @Override
    public boolean keyedByFirstValue() {
        return true;
    }

    /** The target: the request path. */
    @Override
    public String firstValue(Observation observation) {
        return Observations.requestPath(observation);
    }

    /** The verbs tried on it. */
    @Override
    public String secondValue(Observation observation) {
        return observation.verb();
    }

    @Override
    public boolean fires(ActorWindow w) {
        return w.count() >= minDenials;
    }

    @Override
    public String summary(ActorWindow w) {
        return AlertPhrases.actor(w.actor(), w.actorTenants()) + " was denied " + w.count() + " requests ("
                + String.join(", ", w.second()) + ") on " + target(w) + " within " + AlertPhrases.duration(window);
    }

    @Override
    public List<String> details(ActorWindow w) {
        return List.of("denied target: " + target(w), "verbs: " + String.join(", ", w.second()));
    }

    private static String target(ActorWindow w) {
        return w.first().isEmpty() ? "?" : w.first().get(0);
    }
}
