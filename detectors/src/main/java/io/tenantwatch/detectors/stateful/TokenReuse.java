package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.CidrRange;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code token-reuse}: one service-account credential ({@code authentication.kubernetes.io/credential-id},
 * e.g. {@code JTI=…}) is used from two different pods, or from a source address outside the
 * configured cluster ranges ({@code clusterRanges}; that check is off while the list is empty, the
 * default). Unlike {@code credential-from-outside}, which checks the credentials without an id, it
 * does not assume the private ranges: on a cluster with a public API server endpoint (the AKS
 * default) every pod's requests come from the cluster's public outbound address, and each bound
 * token, which kubelets rotate hourly, would raise once.
 *
 * <p>Why it matters: a bound service-account token belongs to one pod; the API server records the
 * pod it was issued for and the token's id with every request. The same token id arriving with
 * another pod's name, or from an address that is not the cluster's (a laptop, a VPS), means the
 * token left its pod: copied out of a compromised container, a node, or a log.
 *
 * <p>"Pods" are the {@code pod-name} values that requests with the credential carry; the address
 * is the last {@code sourceIPs} entry (the one the API server saw; the others are client-set).
 * Per credential the pods and addresses seen are kept (a few each) for {@code retention} after its
 * last use; each of the two findings is raised once per credential.
 */
public final class TokenReuse extends BaseDetector implements ObservingDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "token-reuse",
            DetectorGroup.STATEFUL,
            Severity.HIGH,
            "Credential Access",
            "T1528 Steal Application Access Token",
            "Service-account token used elsewhere");

    static final ParamSpec CLUSTER_RANGES = ParamSpec.cidrList(
            "clusterRanges",
            List.of(),
            "Address ranges requests from the cluster come from (node, pod and egress ranges); empty: no address check.");
    static final ParamSpec RETENTION = ParamSpec.duration(
            "retention",
            Duration.ofHours(24),
            "How long a credential's pods and addresses are kept after its last use.");
    public static final DetectorDefinition DEFINITION =
            new DetectorDefinition(SPEC, List.of(CLUSTER_RANGES, RETENTION), TokenReuse::new);

    static final String CREDENTIAL = "credential: ";
    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final List<CidrRange> clusterRanges;
    private final Duration retention;

    public TokenReuse() {
        this(Params.defaults());
    }

    TokenReuse(Params params) {
        super(SPEC, ANY_AUDIT);
        List<CidrRange> ranges = new ArrayList<>();
        params.stringList(CLUSTER_RANGES).forEach(r -> ranges.add(CidrRange.parse(r)));
        this.clusterRanges = List.copyOf(ranges);
        this.retention = params.duration(RETENTION);
    }

    /** Observes requests whose credential can show either finding: bound to a pod, or checked for its address. */
    @Override
    public void observe(EventContext event, Consumer<Observation> observations) {
        Actor actor = event.actor();
        if (actor == null || actor.credentialId() == null || (actor.podName() == null && clusterRanges.isEmpty())) {
            return;
        }
        observations.accept(Observation.of(SPEC, event, actor.credentialId(), null, null, null));
    }

    Duration retention() {
        return retention;
    }

    /** True when ranges are configured and {@code ip} is in none of them. */
    boolean outsideCluster(String ip) {
        if (clusterRanges.isEmpty() || ip == null) {
            return false;
        }
        for (CidrRange range : clusterRanges) {
            if (range.contains(ip)) {
                return false;
            }
        }
        return true;
    }

    /** The credential of an observation: cluster, credential id. */
    static String credentialKey(Observation observation) {
        String credential = observation.credentialId();
        return credential == null ? null : observation.cluster() + Observations.SEPARATOR + credential;
    }

    /** The second pod: the credential was first seen with another one. */
    Alert secondPod(Observation observation, CredentialUses uses) {
        String pod = observation.actor().podName();
        return finding(observation, uses, "pods")
                .summary(AlertPhrases.actor(observation) + " used a token issued for pod "
                        + uses.pods().get(0)
                        + " from pod " + pod + " (" + AlertPhrases.request(observation) + " in "
                        + AlertPhrases.place(observation.namespace(), observation.tenant()) + ")")
                .evidence(evidence(uses, observation), 2)
                .build();
    }

    /** A use from an address outside the cluster's ranges. */
    Alert outsideUse(Observation observation, CredentialUses uses, String ip) {
        return finding(observation, uses, "outside")
                .summary(AlertPhrases.actor(observation) + " used its token from " + ip
                        + ", outside the cluster's address ranges (" + AlertPhrases.request(observation) + " in "
                        + AlertPhrases.place(observation.namespace(), observation.tenant()) + ")")
                .build();
    }

    private Finding finding(Observation observation, CredentialUses uses, String kind) {
        String credential = observation.credentialId();
        String username = observation.username();
        List<String> details = new ArrayList<>(4);
        details.add(CREDENTIAL + credential);
        details.add("pods: " + String.join(", ", uses.pods()));
        details.add("source IPs: " + String.join(", ", uses.sourceIPs()));
        if (!clusterRanges.isEmpty()) {
            details.add("cluster ranges: "
                    + AlertPhrases.list(
                            clusterRanges.stream().map(CidrRange::toString).toList(), 8));
        }
        return Finding.from(SPEC, observation)
                .evidenceKey(credential + Observations.SEPARATOR + kind)
                .fingerprint(null, username, null, null, credential, null)
                .seen(Instant.ofEpochMilli(uses.firstSeen()), observation.time())
                .details(details);
    }

    private static List<String> evidence(CredentialUses uses, Observation observation) {
        String id = observation.auditId();
        if (uses.firstAuditId() == null || uses.firstAuditId().equals(id)) {
            return id == null ? List.of() : List.of(id);
        }
        return id == null ? List.of(uses.firstAuditId()) : List.of(uses.firstAuditId(), id);
    }
}
