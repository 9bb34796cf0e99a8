package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.ClusterRanges;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code credential-from-outside}: a service account or a node ({@code system:node:*}) makes a
 * request from an address outside the cluster's ranges ({@code clusterRanges}), with a credential
 * that carries no credential id: a legacy service-account token (a token Secret, which never
 * expires), or a node's client certificate.
 *
 * <p>Why it matters: those credentials belong inside the cluster, in a pod or on a node; used from
 * a laptop or a server on the internet, they were copied out (from a Secret, a node's disk, a
 * backup, a CI log) and the copy works until someone rotates it. A node's credential reads every
 * Secret of every pod on that node, so every tenant scheduled there. Until the operator names the
 * cluster's ranges, private (RFC 1918), CGNAT, loopback and link-local addresses count as inside,
 * so out of the box this raises on public addresses; the alert says when the default is in use.
 * An AKS cluster whose API server has a public endpoint (the AKS default) sees its pods' requests
 * come from the cluster's public outbound address (a real AKS record in the corpus: metrics-server
 * from 52.188.216.128): add that address to {@code clusterRanges} on such a cluster, or its
 * legacy tokens raise here. The address is the last {@code sourceIPs} entry, the one the API
 * server saw. One finding per identity: its further requests from outside group under the same
 * fingerprint.
 *
 * <p>Does not fire for: credentials with a credential id (bound service-account tokens, and on
 * newer clusters certificates), which {@code token-reuse} checks against the same default ranges,
 * once per credential; a node's credential used by its kubelet (user agent {@code kubelet/…}),
 * which on a cluster with a public API server endpoint always comes from the public outbound
 * address (a stolen node credential is used with other clients, kubectl or a script; a thief who
 * also forges the kubelet's user agent is not seen); people, whose laptops are outside by nature;
 * impersonated requests (the
 * credential used is the impersonator's); failed authentications (401: no credential worked);
 * requests from inside the ranges, or without a readable address.
 */
public final class CredentialFromOutside extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "credential-from-outside",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Initial Access",
            "T1078.004 Valid Accounts: Cloud Accounts",
            "Cluster credential used from outside the cluster");

    static final ParamSpec CLUSTER_RANGES = ParamSpec.cidrList(
            "clusterRanges",
            ClusterRanges.PRIVATE,
            "Address ranges requests from the cluster come from (node, pod and egress ranges); by default the"
                    + " private, CGNAT, loopback and link-local ranges; empty: no address check.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(CLUSTER_RANGES),
            p -> new CredentialFromOutside(ClusterRanges.parse(p.stringList(CLUSTER_RANGES))));

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();
    private static final String KUBELET_AGENT = "kubelet/";

    private final ClusterRanges clusterRanges;
    private final boolean defaultRanges;

    /** The catalogue default: private, CGNAT, loopback and link-local ranges are inside. */
    public CredentialFromOutside() {
        this(ClusterRanges.parse(ClusterRanges.PRIVATE));
    }

    public CredentialFromOutside(ClusterRanges clusterRanges) {
        super(SPEC, ANY_AUDIT);
        this.clusterRanges = clusterRanges;
        this.defaultRanges = clusterRanges.isDefault();
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Actor actor = event.actor();
        if (!event.isWorkloadOrNodeIdentity()
                || actor.credentialId() != null
                || actor.impersonatedBy() != null
                || isFailedLogin(event.event().code())) {
            return;
        }
        boolean node = actor.type() == ActorType.NODE;
        if (node && isKubelet(event.event().userAgent())) {
            return;
        }
        String address = event.sourceAddress();
        if (!clusterRanges.isOutside(address)) {
            return;
        }
        String credential = node ? "a node credential" : "a service-account token without a credential id";
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " used " + credential + " from " + address
                        + ", outside the cluster's address ranges (" + RbacRequests.request(event)
                        + RbacRequests.where(event) + ")")
                .fingerprintPerActor()
                .detail("source address: " + address)
                .detail(
                        node
                                ? "credential: the node's client certificate or token: it reads the Secrets of every pod"
                                        + " on the node"
                                : "credential: a legacy token (a token Secret, never expires) or another token without"
                                        + " a credential id");
        alert.detail(
                defaultRanges
                        ? "cluster ranges: the default private, CGNAT, loopback and link-local ranges (set clusterRanges"
                                + " to the cluster's own)"
                        : "cluster ranges: " + clusterRanges);
        alerts.accept(alert.build());
    }

    private static boolean isFailedLogin(Integer code) {
        return code != null && code == 401;
    }

    private static boolean isKubelet(String userAgent) {
        return userAgent != null && userAgent.startsWith(KUBELET_AGENT);
    }
}
