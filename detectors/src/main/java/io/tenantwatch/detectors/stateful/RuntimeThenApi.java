package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code runtime-then-api}: a Falco alert of priority Warning or higher in pod P is followed within
 * {@code window} (60 s) by an API request made with P's service-account token: the audit event's
 * {@code user.extra["authentication.kubernetes.io/pod-name"]} is P, and its service account lives
 * in P's namespace (a bound token names the pod it was issued for).
 *
 * <p>Why it matters: the runtime alert says something ran in the container that should not (a
 * shell, a read of a credential file, a download); the API request says it then used the pod's
 * identity against the cluster. Together they are the step from a compromised container to the
 * control plane, which neither source shows alone.
 *
 * <p>Both kinds of event are this detector's observations (each passes the operator's exceptions);
 * the topology joins them on (cluster, namespace, pod) with a stream-stream join of event time,
 * the Falco alert first. One alert per Falco alert, with the first request after it. The grace
 * period covers the audit log's lag: AKS delivers it through Event Hubs minutes after Falco's
 * webhook.
 */
public final class RuntimeThenApi extends BaseDetector implements ObservingDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "runtime-then-api",
            DetectorGroup.STATEFUL,
            Severity.HIGH,
            "Lateral Movement",
            "T1550.001 Application Access Token",
            "Runtime alert followed by the pod's API request");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window", Duration.ofSeconds(60), "How soon after the Falco alert the pod's API request must come.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace", Duration.ofMinutes(5), "How late (in stream time) either event may arrive and still be joined.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(WINDOW, GRACE), RuntimeThenApi::new);

    /** Falco priorities of Warning and above. */
    private static final Set<String> WARNING_OR_HIGHER = Set.of("emergency", "alert", "critical", "error", "warning");

    private static final Trigger AUDIT_AND_FALCO =
            new Trigger(Set.of(NormalizedEvent.SOURCE_AUDIT, NormalizedEvent.SOURCE_FALCO), Set.of());

    private final Duration window;
    private final Duration grace;

    public RuntimeThenApi() {
        this(Params.defaults());
    }

    RuntimeThenApi(Params params) {
        super(SPEC, AUDIT_AND_FALCO);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
    }

    /** Observes Falco alerts of Warning and above in a pod, and API requests made with a pod's token. */
    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        NormalizedEvent e = event.event();
        if (e.isFalco()) {
            FalcoFacts falco = e.falco();
            Object pod = falco == null ? null : falco.fields().get("k8s.pod.name");
            if (pod instanceof String name
                    && event.namespace() != null
                    && falco.priority() != null
                    && WARNING_OR_HIGHER.contains(falco.priority().toLowerCase(Locale.ROOT))) {
                observations.accept(
                        Observation.of(SPEC, event, null, event.namespace() + "/" + name, falco.priority(), null));
            }
            return;
        }
        Actor actor = e.actor();
        if (actor != null && actor.podName() != null && actor.serviceAccountNamespace() != null) {
            observations.accept(Observation.of(
                    SPEC, event, null, actor.serviceAccountNamespace() + "/" + actor.podName(), null, null));
        }
    }

    Duration window() {
        return window;
    }

    Duration grace() {
        return grace;
    }

    /** cluster, namespace/pod: where the two sides meet. Null when the observation names no pod. */
    static String podKey(Observation observation) {
        String pod = observation.pod();
        return pod == null ? null : observation.cluster() + Observations.SEPARATOR + pod;
    }

    /** The alert of a Falco alert (the observation) followed by the pod's API request. */
    Alert alert(Observation falco, Observation request) {
        String pod = falco.pod();
        String priority = falco.falcoPriority();
        String username = request.username();
        long delay = Math.max(0, request.time().toEpochMilli() - falco.time().toEpochMilli());
        Instant requestTime = request.time();
        String did = AlertPhrases.request(request.verb(), request.resource(), request.namespace());
        return Finding.from(SPEC, falco)
                .fingerprint(falco.tenant(), username, falco.namespace(), null, pod, falco.falcoRule())
                .time(requestTime)
                .seen(falco.time(), requestTime)
                .actor(request.actor(), request.actorTenants())
                .request(request.verb(), request.resource())
                .source(NormalizedEvent.SOURCE_AUDIT)
                .evidence(request.auditId() == null ? List.of() : List.of(request.auditId()), 2)
                .client(request.sourceIPs(), request.userAgent(), request.requestURI())
                .summary(AlertPhrases.actor(request.actor(), request.actorTenants()) + " " + did
                        + " with the token of pod " + pod
                        + ", " + AlertPhrases.duration(Duration.ofSeconds(delay / 1000)) + " after Falco's \""
                        + falco.falcoRule() + "\" (" + priority + ") in that pod")
                .details(List.of(
                        "falco: " + falco.falcoRule() + " (" + priority + ") at " + falco.time(),
                        "then: " + did + " in " + AlertPhrases.place(request.namespace(), request.tenant()) + " at "
                                + requestTime,
                        "pod: " + pod))
                .build();
    }
}
