package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.DEPLOYMENT_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadInSystemNamespaceTest {

    private final WorkloadInSystemNamespace detector = new WorkloadInSystemNamespace();

    @Test
    void theCorpusServiceAccountCreatedInKubeSystemIsRaised() {
        Alert alert = Detect.single(detector, WorkloadEvents.createServiceAccount("kube-system"));

        assertThat(alert.detector()).isEqualTo("workload-in-system-namespace");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.namespace()).isEqualTo("kube-system");
        assertThat(alert.evidence().auditIds()).containsExactly("6754ae2b-6b72-4405-a773-28e53a74c720");
        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created serviceaccounts/myacct in platform namespace kube-system");
        assertThat(alert.evidence().details()).isEmpty();
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Defense Evasion", "T1036.005 Match Legitimate Name or Location"));
    }

    @Test
    void theCorpusServiceAccountCreatedInKubePublicIsRaised() {
        Alert alert = Detect.single(detector, WorkloadEvents.createServiceAccount("kube-public"));

        assertThat(alert.summary())
                .isEqualTo("minikube-user (admin) created serviceaccounts/myacct in platform namespace kube-public");
        assertThat(alert.fingerprint())
                .isNotEqualTo(Detect.single(detector, WorkloadEvents.createServiceAccount("kube-system"))
                        .fingerprint());
    }

    @Test
    void theCorpusPodsTheReplicaSetControllerCreatesInKubeNamespacesAreQuiet() {
        // docs/detectors.md, deliberate difference: the human's workload write is the finding, not the controller's
        // pods
        assertThat(Detect.with(detector, WorkloadEvents.createPodByReplicaSetController("kube-system")))
                .isEmpty();
        assertThat(Detect.with(detector, WorkloadEvents.createPodByReplicaSetController("kube-public")))
                .isEmpty();
    }

    @Test
    void aTenantMembersPodInKubeSystemNamesTheServiceAccountItRunsAs() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .create("pods", "kube-system", "coredns-autoscaler-x")
                        .podSpec(spec().images("docker.io/library/alpine:3.20")
                                .serviceAccount("clusterrole-aggregation-controller")
                                .build())
                        .build());

        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created pods/coredns-autoscaler-x in "
                        + "platform namespace kube-system");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "runs as service account: clusterrole-aggregation-controller",
                        "workload: coredns-autoscaler-x",
                        "images: docker.io/library/alpine:3.20");
    }

    @Test
    void aDeploymentInKubeSystemIsOneFindingNotOnePerPod() {
        List<String> raised = new ArrayList<>();
        raised.addAll(Detect.detectorsRaising(AuditEvents.by(DAVE)
                .create("deployments", "kube-system", "metrics-helper")
                .podSpec(spec().build())
                .build()));
        raised.addAll(Detect.detectorsRaising(AuditEvents.by(DEPLOYMENT_CONTROLLER)
                .create("replicasets", "kube-system", "metrics-helper-7c9d8b6f4")
                .ownedBy("Deployment", "metrics-helper")
                .podSpec(spec().templateHash("7c9d8b6f4").build())
                .build()));
        raised.addAll(Detect.detectorsRaising(AuditEvents.by(REPLICASET_CONTROLLER)
                .create("pods", "kube-system", null)
                .ownedBy("ReplicaSet", "metrics-helper-7c9d8b6f4")
                .podSpec(spec().templateHash("7c9d8b6f4").build())
                .build()));

        // the human's Deployment is the finding; the controllers' ReplicaSet and pods add nothing
        assertThat(raised)
                .containsOnlyOnce("workload-in-system-namespace")
                .doesNotContain("privileged-container", "sensitive-host-mount", "host-namespace-sharing");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pods",
                "deployments",
                "replicasets",
                "statefulsets",
                "daemonsets",
                "jobs",
                "cronjobs",
                "replicationcontrollers",
                "serviceaccounts"
            })
    void everyWorkloadKindAndServiceAccountsAreExamined(String resource) {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALPHA_DEPLOYER)
                                .create(resource, "kube-system", "helper")
                                .build()))
                .hasSize(1);
    }

    @Test
    void configuredAndDefaultPlatformNamespacesCount() {
        // monitoring is a platform namespace in the tenancy file, kube-node-lease one by default
        assertThat(Detect.single(
                                detector,
                                AuditEvents.by(ALICE)
                                        .create("serviceaccounts", "monitoring", "grafana-admin")
                                        .build())
                        .summary())
                .endsWith("in platform namespace monitoring");
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-node-lease", "lease-keeper")
                                .build()))
                .hasSize(1);
        // a namespace named in the constructor counts even when no tenancy source knows it
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "azure-arc", "agent")
                                .build()))
                .isEmpty();
        assertThat(Detect.single(
                                new WorkloadInSystemNamespace(List.of("kube-system", "kube-public", "azure-arc")),
                                AuditEvents.by(ALICE)
                                        .create("pods", "azure-arc", "agent")
                                        .build())
                        .summary())
                .endsWith("created pods/agent in namespace azure-arc (no tenant)");
    }

    @Test
    void platformIdentitiesAreQuiet() {
        Actor fluxKustomize = Identities.serviceAccount("flux-system", "kustomize-controller");
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .create("deployments", "kube-system", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .create("serviceaccounts", "kube-system", "ci")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(fluxKustomize)
                                .create("daemonsets", "monitoring", "node-exporter")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PROMETHEUS)
                                .create("pods", "monitoring", "probe")
                                .build()))
                .isEmpty();
    }

    @Test
    void tenantAndUnmappedNamespacesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("serviceaccounts", "alpha-prod", "ci")
                                .build()))
                .isEmpty();
        // create_serviceaccount.json: the same user and account in default
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(WorkloadEvents.MINIKUBE_USER)
                                .create("serviceaccounts", "default", "myacct")
                                .auditId("db4a8c97-3bd2-4ee7-a0d9-b6e367a458e3")
                                .build()))
                .isEmpty();
    }

    @Test
    void onlyCreatesOfTheObjectItselfCount() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "kube-system", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .update("serviceaccounts", "kube-system", "coredns")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .delete("pods", "kube-system", "coredns-5d78c9869d-kx4qz")
                                .build()))
                .isEmpty();
        // creates on subresources belong to other detectors (pod-exec, token-request)
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .exec("kube-system", "coredns-5d78c9869d-kx4qz", "sh")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("serviceaccounts", "kube-system", "coredns")
                                .subresource("token")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "coredns-5d78c9869d-kx4qz")
                                .subresource("eviction")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedOrFailedCreatesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "x")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("serviceaccounts", "kube-system", "coredns")
                                .code(409)
                                .build()))
                .isEmpty();
    }
}
