package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code workload-container-added}: an update or patch of an existing Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob or ReplicationController leaves its pod template with every
 * image it had and at least one more: a container was added to a running workload.
 *
 * <p>Why it matters: a sidecar patched into a workload that already runs is persistence that hides
 * in plain sight. It runs with the workload's service account, its volumes, its Secrets and its
 * network identity, it comes back with every pod the controller re-creates, and nobody reviews a
 * Deployment they already approved. A rollout changes an image ({@code kubectl set image}, a new
 * tag from CI); it seldom adds one, and a new container from someone who does not own the workload
 * is worth a look. The details name the added images, the images the workload had, and the writer.
 *
 * <p>State: per workload (cluster, namespace, resource, name) the images of its pod template as
 * last written, from every allowed create, update and patch that carries a spec, whoever wrote it
 * (so a GitOps sync keeps the memory current without raising); an allowed delete forgets it, and a
 * workload not written for {@code retention} is forgotten. A patch's spec is the stored object's
 * only at {@code RequestResponse} level (the shipped audit policy's level for workloads); at
 * {@code Request} level a patch carries only itself, so its images are not the workload's.
 *
 * <p>Does not fire for: the first write seen of a workload (nothing to compare it with), creates,
 * an image replaced or removed (a rollout), a container added with an image the workload already
 * runs (the set of images does not grow), writes by {@code trustedWriters} (the GitOps controllers
 * that apply what Git says) or by platform identities in platform namespaces (AKS add-ons updating
 * themselves; see {@code ignorePlatformInPlatformNamespaces}), denied or failed writes, subresource
 * writes ({@code scale}, {@code status}), pods (their containers cannot be added; {@code
 * ephemeral-container} covers the one way to add one).
 */
public final class WorkloadContainerAdded extends BaseDetector implements ObservingDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "workload-container-added",
            DetectorGroup.STATEFUL,
            Severity.MEDIUM,
            "Persistence",
            "T1610 Deploy Container",
            "Container added to an existing workload");

    static final List<String> DEFAULT_TRUSTED_WRITERS = List.of(
            "system:serviceaccount:argocd:argocd-application-controller",
            "system:serviceaccount:flux-system:kustomize-controller",
            "system:serviceaccount:flux-system:helm-controller");

    static final ParamSpec TRUSTED_WRITERS = ParamSpec.stringList(
            "trustedWriters",
            DEFAULT_TRUSTED_WRITERS,
            "Usernames (globs) whose writes are remembered but never raise: the GitOps controllers applying Git.");
    static final ParamSpec IGNORE_PLATFORM = ParamSpec.bool(
            "ignorePlatformInPlatformNamespaces",
            true,
            "Platform identities writing workloads in platform namespaces never raise (add-ons updating themselves).");
    static final ParamSpec RETENTION = ParamSpec.duration(
            "retention",
            Duration.ofDays(90),
            "How long a workload's images are remembered after its last write; a longer-idle workload is first-seen again.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(TRUSTED_WRITERS, IGNORE_PLATFORM, RETENTION), WorkloadContainerAdded::new);

    /** The workloads with a pod template that a write can add a container to (pods cannot). */
    private static final Trigger WORKLOADS = Trigger.audit(
            "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "replicationcontrollers");

    private static final Set<String> SPEC_WRITES = Set.of("create", "update", "patch");
    private static final Set<String> CHANGES = Set.of("update", "patch");

    private final List<Glob> trustedWriters;
    private final boolean ignorePlatform;
    private final Duration retention;

    public WorkloadContainerAdded() {
        this(Params.defaults());
    }

    WorkloadContainerAdded(Params params) {
        super(SPEC, WORKLOADS);
        this.trustedWriters =
                params.stringList(TRUSTED_WRITERS).stream().map(Glob::compile).toList();
        this.ignorePlatform = params.bool(IGNORE_PLATFORM);
        this.retention = params.duration(RETENTION);
    }

    /**
     * Observes every allowed write of a workload's object that says what its template runs (with
     * the images) and every allowed delete (without: forget it); raising is decided on the remembered
     * images, in {@link WorkloadImagesTracker}.
     */
    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (event.subresource() != null
                || event.namespace() == null
                || event.resourceName() == null
                || !event.isAllowed()) {
            return;
        }
        if ("delete".equals(event.verb())) {
            observations.accept(Observation.of(SPEC, event));
            return;
        }
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (SPEC_WRITES.contains(event.verb())
                && podSpec != null
                && !podSpec.images().isEmpty()) {
            observations.accept(Observation.of(SPEC, event, null, null, null, podSpec.images()));
        }
    }

    Duration retention() {
        return retention;
    }

    /** The workload an observation is about: cluster, namespace, resource, name. */
    static String workloadKey(Observation observation) {
        Alert.AlertResource r = observation.resource();
        char s = Observations.SEPARATOR;
        return observation.cluster()
                + s
                + observation.namespace()
                + s
                + (r == null ? "" : r.resource())
                + s
                + (r == null ? "" : r.name());
    }

    /** The images of {@code after} that {@code before} did not have, when it kept all of those; else empty. */
    static List<String> added(List<String> before, List<String> after) {
        Set<String> had = new HashSet<>(before);
        if (!after.containsAll(had)) {
            return List.of(); // an image replaced or removed: a rollout, not a container added
        }
        List<String> added = new ArrayList<>(1);
        for (String image : after) {
            if (!had.contains(image)) {
                added.add(image);
            }
        }
        return added;
    }

    /** Whether a write that added images raises: a change of a workload by a writer that is not trusted. */
    boolean raises(Observation observation) {
        if (!CHANGES.contains(observation.verb())) {
            return false;
        }
        Alert.AlertActor actor = observation.actor();
        String username = actor == null ? null : actor.username();
        if (ignorePlatform
                && actor != null
                && actor.actorClass() == ActorClass.PLATFORM
                && NamespaceTenancy.PLATFORM_TENANT.equals(observation.tenant())) {
            return false;
        }
        return !Glob.anyMatches(trustedWriters, username);
    }

    /** The alert for a write that added {@code added} to a workload that ran {@code before}. */
    Alert alert(Observation observation, WorkloadImages before, List<String> added) {
        Alert.AlertResource r = observation.resource();
        String workload = r.resource() + "/" + r.name();
        List<String> details = new ArrayList<>(4);
        details.add("added images: " + AlertPhrases.list(added, 8));
        details.add("images before: " + AlertPhrases.list(before.images(), 8) + " (written "
                + Instant.ofEpochMilli(before.lastWritten()) + ")");
        details.add("images now: " + AlertPhrases.list(observation.images(), 8));
        details.add("actor tenants: " + String.join(", ", observation.actorTenants()));
        return Finding.from(SPEC, observation)
                .fingerprint(
                        observation.tenant(),
                        observation.username(),
                        observation.namespace(),
                        r.resource(),
                        r.name(),
                        String.join(",", added))
                .summary(
                        AlertPhrases.actor(observation) + " added " + (added.size() == 1 ? "a container" : "containers")
                                + " (" + AlertPhrases.list(added, 3) + ") to " + workload + " in "
                                + AlertPhrases.place(observation.namespace(), observation.tenant()) + " with a "
                                + observation.verb())
                .details(details)
                .build();
    }
}
