package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.crosstenant.ClusterWideSecretList;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code secret-enumeration}: one actor reads at least {@code minSecrets} distinct Secrets, or
 * lists Secrets in at least {@code minNamespaces} namespaces, within one window (default 5 Secrets
 * or 3 namespaces in 10 minutes).
 *
 * <p>Why it matters: Secrets hold what lets an attacker move on: service-account tokens, registry
 * and cloud credentials, database passwords. A workload reads the few Secrets it mounts; an
 * identity that walks through many of them, or lists them namespace after namespace, is
 * harvesting. Nothing about any single read is wrong, which is why no stateless detector sees it.
 *
 * <p>Counted: allowed gets of a named Secret (core group, no subresource) and allowed lists and
 * watches of Secrets in a namespace. A cluster-wide list is {@code cluster-wide-secret-list}'s.
 * By default Helm's own traffic does not count: its release records ({@code sh.helm.release.v1.*},
 * {@code ignoredSecrets}) and its release query, a list with {@code labelSelector=owner=helm}, which
 * every {@code helm upgrade} makes in the release's namespace (a CI deploying to three namespaces
 * would otherwise look like an enumeration). Platform identities do not count either
 * ({@code ignorePlatformActors}): every kubelet reads the Secrets its pods mount, across all the
 * tenants scheduled on its node, and controllers that cache Secrets list them everywhere.
 */
public final class SecretEnumeration extends BaseDetector implements WindowedDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "secret-enumeration",
            DetectorGroup.STATEFUL,
            Severity.HIGH,
            "Credential Access",
            "T1552.007 Container API",
            "Secrets enumerated");

    static final ParamSpec WINDOW = ParamSpec.duration(
            "window", Duration.ofMinutes(10), "Length of the tumbling event-time window the reads are counted in.");
    static final ParamSpec GRACE = ParamSpec.duration(
            "grace",
            Duration.ofMinutes(5),
            "How long after a window's end late events still count; the alert waits for it.");
    static final ParamSpec MIN_SECRETS = ParamSpec.integer(
            "minSecrets",
            5,
            "Distinct Secrets (namespace/name) one actor reads in one window that make an enumeration.");
    static final ParamSpec MIN_NAMESPACES = ParamSpec.integer(
            "minNamespaces", 3, "Namespaces in which one actor lists Secrets in one window that make an enumeration.");
    static final ParamSpec IGNORED_SECRETS = ParamSpec.stringList(
            "ignoredSecrets",
            List.of("sh.helm.release.v1.*"),
            "Secret names (globs) whose reads do not count; the default is Helm's release records.");
    static final ParamSpec IGNORE_HELM_RELEASE_QUERY = ParamSpec.bool(
            "ignoreHelmReleaseQuery", true, "Do not count lists with labelSelector owner=helm (Helm's release query).");

    static final ParamSpec IGNORE_PLATFORM_ACTORS = ParamSpec.bool(
            "ignorePlatformActors",
            true,
            "Do not count reads by platform identities (kubelets, system controllers, the tenancy file's platform list).");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(
                    WINDOW,
                    GRACE,
                    MIN_SECRETS,
                    MIN_NAMESPACES,
                    IGNORED_SECRETS,
                    IGNORE_HELM_RELEASE_QUERY,
                    IGNORE_PLATFORM_ACTORS),
            SecretEnumeration::new);

    private static final Trigger SECRETS = Trigger.audit("secrets");

    private final Duration window;
    private final Duration grace;
    private final long minSecrets;
    private final long minNamespaces;
    private final List<Glob> ignoredSecrets;
    private final boolean ignoreHelmReleaseQuery;
    private final boolean ignorePlatformActors;

    public SecretEnumeration() {
        this(Params.defaults());
    }

    SecretEnumeration(Params params) {
        super(SPEC, SECRETS);
        this.window = params.duration(WINDOW);
        this.grace = params.duration(GRACE);
        this.minSecrets = Math.max(1, params.integer(MIN_SECRETS));
        this.minNamespaces = Math.max(1, params.integer(MIN_NAMESPACES));
        List<Glob> globs = new ArrayList<>();
        params.stringList(IGNORED_SECRETS).forEach(g -> globs.add(Glob.compile(g)));
        this.ignoredSecrets = List.copyOf(globs);
        this.ignoreHelmReleaseQuery = params.bool(IGNORE_HELM_RELEASE_QUERY);
        this.ignorePlatformActors = params.bool(IGNORE_PLATFORM_ACTORS);
    }

    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        if (!event.isAllowed()
                || event.subresource() != null
                || !event.inCoreApiGroup()
                || event.namespace() == null
                || (ignorePlatformActors && event.isPlatformActor())) {
            return;
        }
        String verb = event.verb();
        boolean counted = "get".equals(verb)
                ? event.resourceName() != null && !ignored(event.resourceName())
                : ("list".equals(verb) || "watch".equals(verb))
                        && !(ignoreHelmReleaseQuery
                                && ClusterWideSecretList.isHelmReleaseQuery(event.queryParam("labelSelector")));
        if (counted) {
            observations.accept(Observation.of(SPEC, event));
        }
    }

    private boolean ignored(String name) {
        return Glob.anyMatches(ignoredSecrets, name);
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    /** A Secret read: namespace/name. */
    @Override
    public String firstValue(Observation observation) {
        Alert.AlertResource r = observation.resource();
        return "get".equals(observation.verb()) && r != null && r.name() != null
                ? observation.namespace() + "/" + r.name()
                : null;
    }

    /** A namespace whose Secrets were listed. */
    @Override
    public String secondValue(Observation observation) {
        return "get".equals(observation.verb()) ? null : observation.namespace();
    }

    @Override
    public int valuesKept() {
        return WindowedDetector.kept(minSecrets, minNamespaces);
    }

    @Override
    public boolean fires(ActorWindow w) {
        return w.first().size() >= minSecrets || w.second().size() >= minNamespaces;
    }

    @Override
    public String summary(ActorWindow w) {
        StringBuilder out = new StringBuilder(160).append(AlertPhrases.actor(w.actor(), w.actorTenants()));
        if (!w.first().isEmpty()) {
            out.append(" read ")
                    .append(w.first().size())
                    .append(w.first().size() == 1 ? " secret" : " distinct secrets");
        }
        if (!w.second().isEmpty()) {
            out.append(w.first().isEmpty() ? " listed" : " and listed")
                    .append(" secrets in ")
                    .append(w.second().size())
                    .append(w.second().size() == 1 ? " namespace" : " namespaces");
        }
        return out.append(" within ").append(AlertPhrases.duration(window)).toString();
    }

    @Override
    public List<String> details(ActorWindow w) {
        List<String> details = new ArrayList<>(2);
        if (!w.first().isEmpty()) {
            details.add("secrets read: " + String.join(", ", w.first()));
        }
        if (!w.second().isEmpty()) {
            details.add("namespaces listed: " + String.join(", ", w.second()));
        }
        return details;
    }
}
