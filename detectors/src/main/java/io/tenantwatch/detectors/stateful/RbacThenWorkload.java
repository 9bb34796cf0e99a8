package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.crosstenant.CrossTenantBinding;
import io.tenantwatch.detectors.rbac.RbacDetectors;
import io.tenantwatch.detectors.workload.PodSpecWrites;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code rbac-then-workload}: one actor's RBAC write that raised a group D detector or
 * {@code cross-tenant-binding} is followed, within {@code window} (5 minutes), by that actor's
 * create or patch of a workload (a pod or anything with a pod template).
 *
 * <p>Why it matters: this is privilege escalation being used. Binding oneself to a powerful role
 * and then starting a pod with it (to mount a token, a host path, or run privileged) is the
 * common path from "may edit RBAC" to "runs code as someone else"; each step alone may be an
 * administrator's routine, the two in quick succession by the same identity rarely are.
 *
 * <p>The sequence starts only on the alert of another detector ({@code startedBy}, default every
 * group D detector and {@code cross-tenant-binding}) on a write to roles, role bindings, cluster
 * roles or cluster role bindings, so it inherits their judgement and their exceptions. The
 * workload write is this detector's observation: allowed, no subresource, by a non-platform
 * identity (group D ignores platform identities, so none of theirs can have started a sequence).
 * One alert per starting RBAC write, with the first workload write after it; out-of-order
 * arrival within the grace period is matched all the same.
 */
public final class RbacThenWorkload extends BaseDetector implements ObservingDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "rbac-then-workload",
            DetectorGroup.STATEFUL,
            Severity.HIGH,
            "Privilege Escalation",
            "T1098 Account Manipulation",
            "RBAC change followed by a workload");

    static final Set<String> RBAC_RESOURCES = Set.of("roles", "rolebindings", "clusterroles", "clusterrolebindings");
    static final Set<String> RBAC_WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> WORKLOAD_VERBS = Set.of("create", "patch");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window", Duration.ofMinutes(5), "How soon after the RBAC write the workload write must come.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace", Duration.ofMinutes(5), "How late (in stream time) either event may arrive and still be matched.");
    static final ParamSpec STARTED_BY = ParamSpec.stringList(
            "startedBy", defaultStarters(), "Detectors whose alert on an RBAC write starts a sequence.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(WINDOW, GRACE, STARTED_BY), RbacThenWorkload::new);

    private static final Trigger WORKLOADS = Trigger.audit(PodSpecWrites.RESOURCES.toArray(String[]::new));

    private final Duration window;
    private final Duration grace;
    private final Set<String> startedBy;

    public RbacThenWorkload() {
        this(Params.defaults());
    }

    RbacThenWorkload(Params params) {
        super(SPEC, WORKLOADS);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
        this.startedBy = Set.copyOf(params.stringList(STARTED_BY));
    }

    private static List<String> defaultStarters() {
        List<String> ids = new ArrayList<>();
        RbacDetectors.DEFINITIONS.forEach(d -> ids.add(d.id()));
        ids.add(CrossTenantBinding.SPEC.id());
        return List.copyOf(ids);
    }

    /** Observes the workload writes that can complete a sequence. */
    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (WORKLOAD_VERBS.contains(event.verb())
                && event.subresource() == null
                && event.isAllowed()
                && !event.isPlatformActor()) {
            observations.accept(Observation.of(SPEC, event));
        }
    }

    Duration window() {
        return window;
    }

    Duration grace() {
        return grace;
    }

    /** True for another detector's alert on an RBAC write that starts a sequence. */
    boolean starts(Alert alert) {
        Alert.AlertResource r = alert.resource();
        return startedBy.contains(alert.detector())
                && NormalizedEvent.SOURCE_AUDIT.equals(alert.source())
                && r != null
                && RBAC_RESOURCES.contains(r.resource())
                && r.subresource() == null
                && alert.verb() != null
                && RBAC_WRITE_VERBS.contains(alert.verb());
    }

    /** The alert of a completed sequence: the RBAC write, then the workload write (the observation). */
    Alert alert(SequenceStart start, Observation workload) {
        String username = workload.username();
        long delay = workload.time().toEpochMilli() - start.time();
        String followUpId = workload.auditId();
        return Finding.from(SPEC, workload)
                .evidenceEvent(start.auditId(), Instant.ofEpochMilli(start.time()))
                .fingerprint(null, username, null, null, null, null)
                .seen(Instant.ofEpochMilli(start.time()), workload.time())
                .evidence(followUpId == null ? List.of(start.auditId()) : List.of(start.auditId(), followUpId), 2)
                .summary(AlertPhrases.actor(workload) + " " + AlertPhrases.request(workload) + " in "
                        + AlertPhrases.place(workload.namespace(), workload.tenant()) + " "
                        + AlertPhrases.duration(Duration.ofSeconds(Math.max(0, delay / 1000)))
                        + " after an RBAC write that raised "
                        + String.join(", ", start.detectors()) + " (" + start.request() + ")")
                .details(List.of(
                        "rbac write: " + start.request() + " at " + Instant.ofEpochMilli(start.time()) + ", raised "
                                + String.join(", ", start.detectors()) + ", audit id " + start.auditId(),
                        "then: " + AlertPhrases.request(workload) + " in "
                                + AlertPhrases.place(workload.namespace(), workload.tenant()) + " at "
                                + workload.time()))
                .build();
    }
}
