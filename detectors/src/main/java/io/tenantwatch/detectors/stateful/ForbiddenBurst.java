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
import io.tenantwatch.schemas.RequestUri;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code forbidden-burst}: one actor gets at least {@code minDenials} denials spanning at least
 * {@code minResources} distinct resources within one window (default 10 denials on 4 resources in
 * 10 minutes).
 *
 * <p>Why it matters: a stolen token's first minutes look like this. Whoever holds a credential
 * they did not configure does not know what it may do, so they try: list secrets, exec into a
 * pod, read ConfigMaps, create a pod, and get 403 after 403 (tools such as kube-hunter and
 * peirates probe the same way). One denial is a typo; a burst across resources is a search.
 *
 * <p>A denial is docs/detectors.md's: decision forbid, or code 401 or 403, counted once per request.
 * A resource is the resource and subresource ({@code secrets}, {@code pods/exec}) or, for a
 * non-resource URL, its path: ten denied reads of one Secret are not a search across resources
 * ({@code repeated-denied-access} counts those, per path over an hour). Windows are tumbling windows of event time, per actor and cluster; every actor class
 * counts (a platform identity's token is the most valuable one to steal).
 *
 * <p>Each denial is an observation that passes through the operator's exceptions (an exception
 * for this detector silences the denials it matches, so they do not count); the alert is raised
 * when the window closes: its end plus the grace period, in stream time.
 */
public final class ForbiddenBurst extends BaseDetector implements WindowedDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "forbidden-burst",
            DetectorGroup.STATEFUL,
            Severity.MEDIUM,
            "Discovery",
            "T1613 Container and Resource Discovery",
            "Burst of denied requests across resources");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window", Duration.ofMinutes(10), "Length of the tumbling event-time window the denials are counted in.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace",
            Duration.ofMinutes(5),
            "How long after a window's end late events still count; the alert waits for it.");
    static final ParamSpec MIN_DENIALS =
            ParamSpec.integer("minDenials", 10, "Denials of one actor in one window that make a burst.");
    static final ParamSpec MIN_RESOURCES = ParamSpec.integer(
            "minResources",
            4,
            "Distinct resources (resource/subresource, or non-resource path) the denials must span.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(WINDOW, GRACE, MIN_DENIALS, MIN_RESOURCES), ForbiddenBurst::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final Duration window;
    private final Duration grace;
    private final long minDenials;
    private final long minResources;

    public ForbiddenBurst() {
        this(Params.defaults());
    }

    ForbiddenBurst(Params params) {
        super(SPEC, ANY_AUDIT);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
        this.minDenials = Math.max(1, params.integer(MIN_DENIALS));
        this.minResources = Math.max(1, params.integer(MIN_RESOURCES));
    }

    /** Observes every denial; the window decides. */
    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (event.isDenied()) {
            observations.accept(Observation.of(SPEC, event));
        }
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    /** {@code secrets}, {@code pods/exec}; a non-resource URL's path. */
    @Override
    public String firstValue(Observation observation) {
        Alert.AlertResource r = observation.resource();
        if (r != null && r.resource() != null) {
            return r.subresource() == null ? r.resource() : r.resource() + "/" + r.subresource();
        }
        return RequestUri.pathOf(observation.requestURI());
    }

    @Override
    public int valuesKept() {
        return WindowedDetector.kept(minResources);
    }

    @Override
    public boolean fires(ActorWindow w) {
        return w.count() >= minDenials && w.first().size() >= minResources;
    }

    @Override
    public String summary(ActorWindow w) {
        return AlertPhrases.actor(w.actor(), w.actorTenants()) + " was denied " + w.count() + " requests on "
                + (w.first().size() >= valuesKept() ? "at least " : "")
                + w.first().size() + " resources within "
                + AlertPhrases.duration(window) + " (" + AlertPhrases.list(w.first(), 6) + ")";
    }

    @Override
    public List<String> details(ActorWindow w) {
        return List.of("denied resources: " + String.join(", ", w.first()));
    }
}
