package io.tenantwatch.detectors.testing;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.events.PodSpecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Group B fixtures: pod specs with any mix of the facts ingest extracts, the pod-creating audit
 * events of Falco's own test files ({@code corpus/falco-k8s-audit}, {@code corpus/falco-k8s-audit-psp})
 * with their auditIDs, times, owners and specs ({@link Detect} runs them through the catalogue).
 */
public final class WorkloadEvents {

    /** minikube's admin user in Falco's test files: system:masters, so class admin. */
    public static final Actor MINIKUBE_USER = new Actor(
            "minikube-user",
            null,
            List.of("system:masters", "system:authenticated"),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);
    /** The replicaset controller as Falco's 2018 test files name it. */
    public static final Actor MINIKUBE_REPLICASET_CONTROLLER = new Actor(
            "system:serviceaccount:kube-system:replicaset-controller",
            "8d5e1349-d30f-11e8-96d9-080027728ac4",
            List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
            null,
            null,
            ActorType.SERVICEACCOUNT,
            "kube-system",
            null,
            null,
            null);
    /** The kube-controller-manager user agent of the PSP test files. */
    public static final String PSP_CONTROLLER_MANAGER_AGENT = "kube-controller-manager/v1.13.2 (linux/amd64) "
            + "kubernetes/cff46ab/system:serviceaccount:kube-system:replicaset-controller";

    private WorkloadEvents() {}

    // --- pod specs ---------------------------------------------------------------------------

    /** A pod spec running {@link PodSpecs#WEB_IMAGE} as service account default, with nothing risky until told. */
    public static PodSpecBuilder spec() {
        return new PodSpecBuilder();
    }

    public static final class PodSpecBuilder {
        private final List<String> images = new ArrayList<>();
        private final List<String> privileged = new ArrayList<>();
        private final List<String> hostPaths = new ArrayList<>();
        private final List<String> capabilities = new ArrayList<>();
        private boolean hostNetwork;
        private boolean hostPID;
        private boolean hostIPC;
        private String serviceAccount = "default";
        private String templateHash;

        private PodSpecBuilder() {}

        public PodSpecBuilder images(String... values) {
            images.addAll(List.of(values));
            return this;
        }

        public PodSpecBuilder privileged(String... containers) {
            privileged.addAll(List.of(containers));
            return this;
        }

        public PodSpecBuilder hostPaths(String... paths) {
            hostPaths.addAll(List.of(paths));
            return this;
        }

        /** {@code securityContext.capabilities.add}, as written in the manifest. */
        public PodSpecBuilder addCapabilities(String... names) {
            capabilities.addAll(List.of(names));
            return this;
        }

        public PodSpecBuilder hostNetwork() {
            hostNetwork = true;
            return this;
        }

        public PodSpecBuilder hostPID() {
            hostPID = true;
            return this;
        }

        public PodSpecBuilder hostIPC() {
            hostIPC = true;
            return this;
        }

        public PodSpecBuilder serviceAccount(String value) {
            serviceAccount = value;
            return this;
        }

        public PodSpecBuilder templateHash(String value) {
            templateHash = value;
            return this;
        }

        public Facts.PodSpec build() {
            return new Facts.PodSpec(
                    images.isEmpty() ? List.of(PodSpecs.WEB_IMAGE) : images,
                    privileged,
                    hostPaths,
                    hostNetwork,
                    hostPID,
                    hostIPC,
                    capabilities,
                    serviceAccount,
                    templateHash);
        }
    }

    // --- workload writes with the stored object (RequestResponse) -----------------------------

    /** The sidecar of the tests' persistence story: a socat relay, as a reverse shell or tunnel runs it. */
    public static final String SOCAT_SIDECAR = "docker.io/alpine/socat:1.7.4.4";

    /**
     * A write of a workload as the API server logs it at {@code RequestResponse} level: the facts are
     * those of the stored object ({@code responseObject}), so every container of the resulting pod
     * template is there, whatever the patch itself carried ({@code kubectl apply} with the
     * client-side field manager, as the corpus' AKS events show).
     */
    public static AuditEvents.Builder workloadWrite(
            Actor actor, String verb, String resource, String namespace, String name, String... images) {
        return AuditEvents.by(actor)
                .request(verb, resource, namespace, name)
                .query("fieldManager=kubectl-client-side-apply")
                .userAgent("kubectl/v1.30.4 (linux/amd64) kubernetes/3b2bc7a")
                .podSpec(spec().images(images).serviceAccount(name).build());
    }

    /** {@link #workloadWrite} of a Deployment. */
    public static AuditEvents.Builder deploymentWrite(
            Actor actor, String verb, String namespace, String name, String... images) {
        return workloadWrite(actor, verb, "deployments", namespace, name, images);
    }

    // --- Falco's test files --------------------------------------------------------------------

    /**
     * The pod create every Falco pod test file holds: the replicaset controller creating a pod of
     * {@code replicaSet} in namespace default (generateName: the audit event names no pod).
     */
    public static AuditEvents.Builder corpusPod(
            String auditId, String stageTimestamp, String replicaSet, Facts.PodSpec podSpec) {
        return AuditEvents.by(MINIKUBE_REPLICASET_CONTROLLER)
                .create("pods", "default", null)
                .ownedBy("ReplicaSet", replicaSet)
                .podSpec(podSpec)
                .auditId(auditId)
                .at(Instant.parse(stageTimestamp));
    }

    /** create_nginx_pod_hostnetwork.json: Falco's "Create HostNetwork Pod". */
    public static NormalizedEvent createNginxPodHostNetwork() {
        return corpusPod(
                        "24142dcc-7ad8-4fb8-8d3b-106ea474759d",
                        "2018-10-26T09:09:28.675492Z",
                        "nginx-deployment-754c877bcd",
                        spec().images("nginx")
                                .hostNetwork()
                                .templateHash("3107433678")
                                .build())
                .build();
    }

    /** create_nginx_pod_nohostnetwork.json: Falco's negative case for "Create HostNetwork Pod". */
    public static NormalizedEvent createNginxPodNoHostNetwork() {
        return corpusPod(
                        "1354641c-135e-4adb-8052-43e125ea8690",
                        "2018-10-26T09:13:36.445965Z",
                        "nginx-deployment-7998647bdf",
                        spec().images("nginx").templateHash("3554203689").build())
                .build();
    }

    /** create_nginx_pod_sensitive_mount.json (and the PSP suite's mount_etc_using_host_path.json): hostPath /etc. */
    public static NormalizedEvent createNginxPodSensitiveMount() {
        return corpusPod(
                        "e456c9cf-9abe-4fa1-8526-e014da96821b",
                        "2018-10-25T17:36:11.693676Z",
                        "nginx-deployment-7d5b5dd9cf",
                        spec().images("nginx")
                                .hostPaths("/etc")
                                .templateHash("3816188579")
                                .build())
                .build();
    }

    /** create_nginx_pod_sensitive_mount_2nd_container.json: nginx and mysql, hostPath /etc mounted by the second. */
    public static NormalizedEvent createNginxPodSensitiveMount2ndContainer() {
        return corpusPod(
                        "9a52c28e-d6f2-480e-a11e-686fb583a0ff",
                        "2018-10-25T17:55:18.926631Z",
                        "nginx-deployment-f7f486546",
                        spec().images("nginx", "mysql:latest")
                                .hostPaths("/etc")
                                .templateHash("939042102")
                                .build())
                .build();
    }

    /**
     * create_nginx_pod_unsensitive_mount.json: despite its name a read, the node's get of a pod
     * that mounts hostPath /usr/local. {@link #createNginxPodUnsensitiveMountCreated()} is the
     * create of that same pod.
     */
    public static NormalizedEvent getNginxPodUnsensitiveMount() {
        return AuditEvents.by(minikubeNode())
                .get("pods", "default", "nginx-deployment-6dfd8b84dc-6dkjc")
                .ownedBy("ReplicaSet", "nginx-deployment-6dfd8b84dc")
                .podSpec(spec().images("nginx")
                        .hostPaths("/usr/local")
                        .templateHash("2898464087")
                        .build())
                .auditId("8ae98948-66b2-4963-9b99-e2b7e2f499f1")
                .reason("")
                .at(Instant.parse("2018-10-25T17:44:08.583534Z"))
                .build();
    }

    /**
     * The create of the pod that create_nginx_pod_unsensitive_mount.json reads, hostPath /usr/local
     * (not in the corpus, which holds only the read: the auditID and time are made up).
     */
    public static NormalizedEvent createNginxPodUnsensitiveMountCreated() {
        return corpusPod(
                        "0b7f1f2e-54a4-4b8e-9f4e-d8c5e3a1f6b2",
                        "2018-10-25T17:44:08.412215Z",
                        "nginx-deployment-6dfd8b84dc",
                        spec().images("nginx")
                                .hostPaths("/usr/local")
                                .templateHash("2898464087")
                                .build())
                .build();
    }

    /** The PSP suite's pod creates: same shape, the 2019 controller (uid, user agent) and a matching hash. */
    public static AuditEvents.Builder pspPod(
            String auditId, String stageTimestamp, String replicaSet, PodSpecBuilder podSpec) {
        String hash = replicaSet.substring(replicaSet.lastIndexOf('-') + 1);
        return AuditEvents.by(Identities.serviceAccount("kube-system", "replicaset-controller"))
                .create("pods", "default", null)
                .ownedBy("ReplicaSet", replicaSet)
                .podSpec(podSpec.images("nginx").templateHash(hash).build())
                .auditId(auditId)
                .userAgent(PSP_CONTROLLER_MANAGER_AGENT)
                .at(Instant.parse(stageTimestamp));
    }

    /** falco-k8s-audit-psp/host_pid.json. */
    public static NormalizedEvent pspHostPid() {
        return pspPod(
                        "3df89bb7-9071-4f0c-afab-339ebec678c0",
                        "2019-06-19T01:23:34.798230Z",
                        "nginx-deployment-6c6f946f",
                        spec().hostPID())
                .build();
    }

    /** falco-k8s-audit-psp/host_ipc.json. */
    public static NormalizedEvent pspHostIpc() {
        return pspPod(
                        "e2c061fc-7b81-4e1e-b1d2-a54b5ee93920",
                        "2019-06-19T01:37:30.365019Z",
                        "nginx-deployment-755c58cb7c",
                        spec().hostIPC())
                .build();
    }

    /** falco-k8s-audit-psp/host_network.json. */
    public static NormalizedEvent pspHostNetwork() {
        return pspPod(
                        "f7c424ca-5028-4e01-9d95-199caaae240d",
                        "2019-06-21T17:51:33.994788Z",
                        "nginx-deployment-5dc5447c47",
                        spec().hostNetwork())
                .build();
    }

    /** falco-k8s-audit-psp/capability_add_sys_nice.json and capability_add_sys_time.json (one auditID, two files). */
    public static NormalizedEvent pspCapabilityAdd(String capability) {
        return pspPod(
                        "8d851f81-a1b4-4e70-beab-d970f0fb2c83",
                        "2019-06-27T00:06:56.540876Z",
                        "nginx-deployment-69f955c5cb",
                        spec().addCapabilities(capability))
                .build();
    }

    /** create_serviceaccount_kube_system_namespace.json / …_kube_public_namespace.json: minikube-user creates myacct. */
    public static NormalizedEvent createServiceAccount(String namespace) {
        boolean kubeSystem = "kube-system".equals(namespace);
        return AuditEvents.by(MINIKUBE_USER)
                .create("serviceaccounts", namespace, "myacct")
                .auditId(kubeSystem ? "6754ae2b-6b72-4405-a773-28e53a74c720" : "3380c3ae-8bb5-40af-b247-fc0838abfb56")
                .at(Instant.parse(kubeSystem ? "2018-10-26T13:56:43.585256Z" : "2018-10-26T13:56:56.608329Z"))
                .reason("")
                .build();
    }

    /** create_pod_kube_system_namespace.json / create_pod_kube_public_namespace.json: the replicaset controller's pod. */
    public static NormalizedEvent createPodByReplicaSetController(String namespace) {
        boolean kubeSystem = "kube-system".equals(namespace);
        return AuditEvents.by(MINIKUBE_REPLICASET_CONTROLLER)
                .create("pods", namespace, null)
                .ownedBy("ReplicaSet", "nginx-deployment-7998647bdf")
                .podSpec(spec().images("nginx").templateHash("3554203689").build())
                .auditId(kubeSystem ? "5fad6ec1-4e15-4753-b180-ae9fd096f511" : "fc32bb0a-28ce-4013-b89f-97af003ea5dc")
                .at(Instant.parse(kubeSystem ? "2018-10-26T13:47:20.367055Z" : "2018-10-26T13:49:19.465798Z"))
                .build();
    }

    /** Stratus Red Team's k8s.privilege-escalation.privileged-pod: busybox:stable, privileged, in its own namespace. */
    public static AuditEvents.Builder stratusPrivilegedPod(Actor actor) {
        return AuditEvents.by(actor)
                .create("pods", "stratus-red-team-umusjhhg", "k8s.privilege-escalation.privileged-pod")
                .podSpec(spec().images("busybox:stable")
                        .privileged("k8s-privilege-escalation-privileged-pod")
                        .build());
    }

    private static Actor minikubeNode() {
        return new Actor(
                "system:node:minikube",
                null,
                List.of("system:nodes", "system:authenticated"),
                null,
                null,
                ActorType.NODE,
                null,
                null,
                null,
                null);
    }
}
