package io.tenantwatch.ingest.audit.facts;

import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.parse;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Facts.OwnerRef;
import io.tenantwatch.schemas.Facts.PodSpec;
import io.tenantwatch.schemas.Facts.RoleRef;
import io.tenantwatch.schemas.Facts.Subject;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.Corpus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts of each kind, from Falco's real test events where they exist, else from hand-made writes. */
class FactsTest {

    private static Facts corpusFacts(String file) {
        return read(Corpus.bytes(file)).onlyEvent().facts();
    }

    /** A write of {@code resource} in {@code group} whose body is {@code request} and/or {@code response}. */
    private static NormalizedEvent write(
            String verb, String group, String resource, String subresource, String request, String response) {
        ObjectNode e = auditEvent().put("verb", verb);
        ObjectNode ref = e.putObject("objectRef").put("resource", resource).put("namespace", "alpha");
        if (group != null) {
            ref.put("apiGroup", group);
        }
        if (subresource != null) {
            ref.put("subresource", subresource);
        }
        if (request != null) {
            e.set("requestObject", parse(request));
        }
        if (response != null) {
            e.set("responseObject", parse(response));
        }
        return read(e).onlyEvent();
    }

    @Test
    void privilegedPodFromTheCorpus() {
        Facts f = corpusFacts("falco-k8s-audit/create_nginx_pod_privileged.json");
        PodSpec pod = f.podSpec();
        assertThat(pod.privilegedContainers()).containsExactly("nginx");
        assertThat(pod.images()).containsExactly("nginx");
        assertThat(pod.serviceAccountName()).isEqualTo("default");
        assertThat(pod.podTemplateHash()).isEqualTo("1787755869");
        assertThat(f.ownerReferences())
                .containsExactly(new OwnerRef("ReplicaSet", "nginx-deployment-5cdcc99dbf", "apps/v1", true));
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_privileged_2nd_container.json")
                        .podSpec()
                        .privilegedContainers())
                .hasSize(1);
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_unprivileged.json")
                        .podSpec()
                        .privilegedContainers())
                .isEmpty();
    }

    @Test
    void generateNameCreatesTakeTheNameOfTheStoredPod() {
        NormalizedEvent e = read(Corpus.bytes("falco-k8s-audit/create_nginx_pod_privileged.json"))
                .onlyEvent();
        assertThat(e.resource().name()).isEqualTo("nginx-deployment-5cdcc99dbf-rgw6z");
    }

    @Test
    void hostMountsNamespacesAndCapabilitiesFromTheCorpus() {
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_sensitive_mount.json")
                        .podSpec()
                        .hostPaths())
                .contains("/etc");
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_hostnetwork.json")
                        .podSpec()
                        .hostNetwork())
                .isTrue();
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_nohostnetwork.json")
                        .podSpec()
                        .hostNetwork())
                .isFalse();
        assertThat(corpusFacts("falco-k8s-audit-psp/host_pid.json").podSpec().hostPID())
                .isTrue();
        assertThat(corpusFacts("falco-k8s-audit-psp/host_ipc.json").podSpec().hostIPC())
                .isTrue();
        assertThat(corpusFacts("falco-k8s-audit-psp/capability_add_sys_nice.json")
                        .podSpec()
                        .addedCapabilities())
                .containsExactly("SYS_NICE");
    }

    @Test
    void podTemplatesOfWorkloads() {
        Facts deployment = corpusFacts("falco-k8s-audit/create_deployment.json");
        assertThat(deployment.podSpec().images()).containsExactly("nginx");
        String template = "{\"metadata\":{\"labels\":{\"app\":\"x\"}},\"spec\":{\"hostPID\":true,"
                + "\"initContainers\":[{\"name\":\"init\",\"image\":\"busybox\",\"securityContext\":{\"privileged\":true}}],"
                + "\"containers\":[{\"name\":\"main\",\"image\":\"registry.example/app:1\","
                + "\"securityContext\":{\"capabilities\":{\"add\":[\"SYS_ADMIN\",\"NET_ADMIN\"]}}}],"
                + "\"volumes\":[{\"name\":\"root\",\"hostPath\":{\"path\":\"/\"}},{\"name\":\"e\",\"emptyDir\":{}}]}}";
        for (String kind : List.of(
                "apps/daemonsets", "apps/statefulsets", "apps/replicasets", "batch/jobs", "/replicationcontrollers")) {
            String[] gr = kind.split("/");
            PodSpec pod = write(
                            "create",
                            gr[0].isEmpty() ? null : gr[0],
                            gr[1],
                            null,
                            "{\"spec\":{\"template\":" + template + "}}",
                            null)
                    .facts()
                    .podSpec();
            assertThat(pod.images()).as(kind).containsExactly("registry.example/app:1", "busybox");
            assertThat(pod.privilegedContainers()).as(kind).containsExactly("init");
            assertThat(pod.addedCapabilities()).as(kind).containsExactly("SYS_ADMIN", "NET_ADMIN");
            assertThat(pod.hostPaths()).as(kind).containsExactly("/");
            assertThat(pod.hostPID()).as(kind).isTrue();
        }
        PodSpec cron = write(
                        "create",
                        "batch",
                        "cronjobs",
                        null,
                        "{\"spec\":{\"schedule\":\"* * * * *\",\"jobTemplate\":{\"spec\":{\"template\":" + template
                                + "}}}}",
                        null)
                .facts()
                .podSpec();
        assertThat(cron.privilegedContainers()).containsExactly("init");
        assertThat(cron.images()).contains("registry.example/app:1");
    }

    @Test
    void aReplicaSetNamesItsPodTemplateHash() {
        PodSpec pod = write(
                        "create",
                        "apps",
                        "replicasets",
                        null,
                        "{\"metadata\":{\"name\":\"web-5d4f\",\"labels\":{\"pod-template-hash\":\"5d4f\"},"
                                + "\"ownerReferences\":[{\"kind\":\"Deployment\",\"name\":\"web\",\"apiVersion\":\"apps/v1\",\"controller\":true}]},"
                                + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}",
                        null)
                .facts()
                .podSpec();
        assertThat(pod.podTemplateHash()).isEqualTo("5d4f");
    }

    @Test
    void ephemeralContainersAreReadFromTheirSubresourceButStatusNeverIs() {
        String pod = "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app\"}],"
                + "\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"busybox\",\"securityContext\":{\"privileged\":true}}]}}";
        assertThat(write("patch", null, "pods", "ephemeralcontainers", pod, null)
                        .facts()
                        .podSpec()
                        .privilegedContainers())
                .containsExactly("debugger");
        assertThat(write("update", null, "pods", "status", pod, pod).facts()).isEqualTo(Facts.NONE);
        assertThat(write("update", "apps", "deployments", "scale", "{\"spec\":{\"replicas\":3}}", null)
                        .facts())
                .isEqualTo(Facts.NONE);
    }

    @Test
    void readsAndDeletesHaveNoFacts() {
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_pod_unsensitive_mount.json"))
                .isEqualTo(Facts.NONE); // a get
        assertThat(corpusFacts("falco-k8s-audit/delete_deployment.json")).isEqualTo(Facts.NONE);
    }

    @Test
    void aStatusResponseFallsBackToTheRequest() {
        NormalizedEvent e = write(
                "create",
                null,
                "pods",
                null,
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"hostNetwork\":true,\"containers\":[]}}",
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"AlreadyExists\",\"code\":409}");
        assertThat(e.facts().podSpec().hostNetwork()).isTrue();
    }

    @Test
    void aJsonPatchCarriesTheFieldsItWrites() {
        NormalizedEvent e = write(
                "patch",
                "apps",
                "deployments",
                null,
                "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/securityContext/privileged\",\"value\":true},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/hostNetwork\",\"value\":true},"
                        + "{\"op\":\"add\",\"path\":\"/spec/template/spec/volumes/-\",\"value\":{\"name\":\"h\",\"hostPath\":{\"path\":\"/var/run/docker.sock\"}}},"
                        + "{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/99999999/image\",\"value\":\"ignored\"},"
                        + "{\"op\":\"test\",\"path\":\"/spec\",\"value\":{}}]",
                null);
        PodSpec pod = e.facts().podSpec();
        assertThat(pod.privilegedContainers()).containsExactly("containers[0]");
        assertThat(pod.hostNetwork()).isTrue();
        assertThat(pod.hostPaths()).containsExactly("/var/run/docker.sock");
        assertThat(pod.images()).isEmpty();
    }

    @Test
    void aMergePatchCarriesOnlyItsOwnFields() {
        PodSpec pod = write("patch", "apps", "deployments", null, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", null)
                .facts()
                .podSpec();
        assertThat(pod).isNull();
    }

    @Test
    void clusterRoleBindingFromTheCorpus() {
        Facts f = corpusFacts("falco-k8s-audit/attach_cluster_admin_role.json");
        assertThat(f.rbac().roleRef())
                .isEqualTo(new RoleRef("ClusterRole", "cluster-admin", "rbac.authorization.k8s.io"));
        assertThat(f.rbac().subjects()).containsExactly(new Subject("User", "minikube", null));
    }

    @Test
    void clusterRoleRulesFromTheCorpus() {
        Facts wildcard = corpusFacts("falco-k8s-audit/create_cluster_role_wildcard_resources.json");
        assertThat(wildcard.rbac().rules())
                .anySatisfy(r -> assertThat(r.resources()).contains("*"));
        Facts exec = corpusFacts("falco-k8s-audit/create_cluster_role_pod_exec.json");
        assertThat(exec.rbac().rules())
                .anySatisfy(r -> assertThat(r.resources()).contains("pods/exec"));
        assertThat(exec.rbac().rules())
                .anySatisfy(r -> assertThat(r.nonResourceURLs()).contains("/healthz"));
        // A patch: the stored role (responseObject) is what counts.
        assertThat(corpusFacts("falco-k8s-audit/modify_cluster_role_node_problem_detector.json")
                        .rbac()
                        .rules())
                .isNotEmpty();
    }

    @Test
    void servicesFromTheCorpusAndAzureAnnotations() {
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_service_nodeport.json")
                        .service()
                        .type())
                .isEqualTo("NodePort");
        assertThat(corpusFacts("falco-k8s-audit/create_nginx_service_nonodeport.json")
                        .service()
                        .type())
                .isNotEqualTo("NodePort");
        Facts lb = write(
                        "create",
                        null,
                        "services",
                        null,
                        "{\"metadata\":{\"annotations\":{\"service.beta.kubernetes.io/azure-load-balancer-internal\":\"true\","
                                + "\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\"}},\"spec\":{\"type\":\"LoadBalancer\"}}",
                        null)
                .facts();
        assertThat(lb.service().type()).isEqualTo("LoadBalancer");
        assertThat(lb.service().annotations())
                .isEqualTo(Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "true"));
    }

    @Test
    void resourcesOfOtherGroupsAreNotMisreadByName() {
        // Knative's serving.knative.dev/services is not a core Service.
        Facts knative = write(
                        "create",
                        "serving.knative.dev",
                        "services",
                        null,
                        "{\"metadata\":{\"name\":\"k\"},\"spec\":{\"type\":\"NodePort\"}}",
                        null)
                .facts();
        assertThat(knative.service()).isNull();
    }

    @Test
    void configMapsWithCredentialsFromTheCorpus() {
        List<NormalizedEvent> events =
                read(Corpus.bytes("falco-k8s-audit/create_configmap_sensitive_values.json")).events;
        assertThat(events).hasSize(6).allSatisfy(e -> {
            assertThat(e.facts().configMap().keys()).containsExactly("access.properties", "ui.properties");
            assertThat(e.facts().configMap().credentialKeys()).containsExactly("access.properties");
        });
        assertThat(corpusFacts("falco-k8s-audit/create_configmap_no_sensitive_values.json")
                        .configMap()
                        .credentialKeys())
                .isEmpty();
        assertThat(corpusFacts("falco-website-k8s-audit/kubernetes-audit_docs_configmap_create.json")
                        .configMap()
                        .credentialKeys())
                .containsExactly("access.properties");
    }

    @Test
    void configMapKeysAndBinaryDataAreScannedToo() {
        String pem = java.util.Base64.getEncoder().encodeToString("-----BEGIN RSA PRIVATE KEY-----\nMII...".getBytes());
        Facts f = write(
                        "create",
                        null,
                        "configmaps",
                        null,
                        "{\"data\":{\"DB_PASSWORD\":\"x\",\"storage\":\"DefaultEndpointsProtocol=https;AccountKey=abc==\",\"plain\":\"hello\","
                                + "\"client_secret\":\"\"},\"binaryData\":{\"key.pem\":\"" + pem
                                + "\",\"logo.png\":\"iVBORw0KGgo=\"}}",
                        null)
                .facts();
        assertThat(f.configMap().keys())
                .containsExactly("DB_PASSWORD", "storage", "plain", "client_secret", "key.pem", "logo.png");
        assertThat(f.configMap().credentialKeys())
                .containsExactly("DB_PASSWORD", "storage", "client_secret", "key.pem");
    }

    @Test
    void secretsGiveTheirTypeOnly() {
        Facts f = write(
                        "create",
                        null,
                        "secrets",
                        null,
                        "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"t\"},\"data\":{\"token\":\"c2VjcmV0\"},\"type\":\"kubernetes.io/service-account-token\"}",
                        "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"t\",\"ownerReferences\":[{\"kind\":\"ServiceAccount\",\"name\":\"sa\"}]},"
                                + "\"data\":{\"token\":\"c2VjcmV0\"},\"type\":\"kubernetes.io/service-account-token\"}")
                .facts();
        assertThat(f.secret().type()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(f.ownerReferences()).extracting(OwnerRef::name).containsExactly("sa");
    }

    @Test
    void ownerReferencesOfAnyKind() {
        Facts f = corpusFacts("aks-envelope/sysdiglabs_sample_KubeAuditLog_event.json"); // a ControllerRevision update
        assertThat(f.ownerReferences()).containsExactly(new OwnerRef("DaemonSet", "kube-proxy", "apps/v1", true));
        assertThat(f.podSpec()).isNull();
    }

    @Test
    void namespaceLabelsOnCreate() {
        assertThat(corpusFacts("falco-k8s-audit/minikube_creates_namespace_foo.json")
                        .namespace()
                        .labels())
                .isEmpty();
        Facts f = write(
                        "create",
                        null,
                        "namespaces",
                        null,
                        "{\"metadata\":{\"name\":\"alpha-dev\",\"labels\":{\"tenantwatch.io/tenant\":\"alpha\"},"
                                + "\"ownerReferences\":[{\"apiVersion\":\"capsule.clastix.io/v1beta2\",\"kind\":\"Tenant\",\"name\":\"alpha\"}]}}",
                        null)
                .facts();
        assertThat(f.namespace().labels()).containsEntry("tenantwatch.io/tenant", "alpha");
        assertThat(f.ownerReferences()).extracting(OwnerRef::kind).containsExactly("Tenant");
    }

    @Test
    void aNamespacesUidComesFromTheStoredObjectAlsoOnDelete() {
        String stored = "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"gamma\","
                + "\"uid\":\"0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09\",\"labels\":{\"tenantwatch.io/tenant\":\"beta\"}},"
                + "\"status\":{\"phase\":\"%s\"}}";
        Facts created = write(
                        "create",
                        null,
                        "namespaces",
                        null,
                        "{\"metadata\":{\"name\":\"gamma\"}}",
                        stored.formatted("Active"))
                .facts();
        assertThat(created.namespace().uid()).isEqualTo("0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09");
        assertThat(created.namespace().labels()).containsEntry("tenantwatch.io/tenant", "beta");

        Facts deleted = write(
                        "delete",
                        null,
                        "namespaces",
                        null,
                        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}",
                        stored.formatted("Terminating"))
                .facts();
        assertThat(deleted.namespace().uid()).isEqualTo("0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09");

        assertThat(corpusFacts("falco-k8s-audit/delete_namespace_foo.json")
                        .namespace()
                        .uid())
                .as("a Request-level delete carries no stored object")
                .isNull();
        assertThat(write(
                                "delete",
                                null,
                                "configmaps",
                                null,
                                null,
                                "{\"kind\":\"ConfigMap\",\"metadata\":{\"uid\":\"x\"}}")
                        .facts())
                .as("other deletes give no facts")
                .isEqualTo(Facts.NONE);
    }

    @Test
    void namespaceMergePatchSetsAndRemovesLabels() {
        Facts f = write(
                        "patch",
                        null,
                        "namespaces",
                        null,
                        "{\"metadata\":{\"labels\":{\"tenantwatch.io/tenant\":\"beta\",\"pod-security.kubernetes.io/enforce\":null}}}",
                        "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"alpha\",\"labels\":{\"tenantwatch.io/tenant\":\"beta\",\"team\":\"x\"}}}")
                .facts();
        assertThat(f.namespace().labels()).isEqualTo(Map.of("tenantwatch.io/tenant", "beta", "team", "x"));
        assertThat(f.namespace().labelsSet()).isEqualTo(Map.of("tenantwatch.io/tenant", "beta"));
        assertThat(f.namespace().labelsRemoved()).containsExactly("pod-security.kubernetes.io/enforce");

        Facts all = write("patch", null, "namespaces", null, "{\"metadata\":{\"labels\":null}}", null)
                .facts();
        assertThat(all.namespace().labelsRemoved()).containsExactly(NamespaceFacts.ALL_LABELS);
    }

    @Test
    void namespaceJsonPatchSetsAndRemovesLabels() {
        Facts f = write(
                        "patch",
                        null,
                        "namespaces",
                        null,
                        "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tenantwatch.io~1tenant\"},"
                                + "{\"op\":\"add\",\"path\":\"/metadata/labels/pod-security.kubernetes.io~1enforce\",\"value\":\"privileged\"}]",
                        null)
                .facts();
        assertThat(f.namespace().labelsRemoved()).containsExactly("tenantwatch.io/tenant");
        assertThat(f.namespace().labelsSet()).isEqualTo(Map.of("pod-security.kubernetes.io/enforce", "privileged"));
        Facts whole = write(
                        "patch", null, "namespaces", null, "[{\"op\":\"remove\",\"path\":\"/metadata/labels\"}]", null)
                .facts();
        assertThat(whole.namespace().labelsRemoved()).containsExactly(NamespaceFacts.ALL_LABELS);
    }

    @Test
    void networkPolicies() {
        Facts open = write(
                        "create",
                        "networking.k8s.io",
                        "networkpolicies",
                        null,
                        "{\"spec\":{\"podSelector\":{},\"ingress\":[{}],\"policyTypes\":[\"Ingress\"]}}",
                        null)
                .facts();
        assertThat(open.networkPolicy().selectsAllPods()).isTrue();
        assertThat(open.networkPolicy().allowsAllIngress()).isTrue();

        Facts closed = write(
                        "create",
                        "networking.k8s.io",
                        "networkpolicies",
                        null,
                        "{\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"db\"}},"
                                + "\"ingress\":[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}]}]}}",
                        null)
                .facts();
        assertThat(closed.networkPolicy().selectsAllPods()).isFalse();
        assertThat(closed.networkPolicy().allowsAllIngress()).isFalse();

        Facts patched = write(
                        "patch",
                        "networking.k8s.io",
                        "networkpolicies",
                        null,
                        "[{\"op\":\"add\",\"path\":\"/spec/ingress/-\",\"value\":{}}]",
                        null)
                .facts();
        assertThat(patched.networkPolicy().allowsAllIngress()).isTrue();
        assertThat(patched.networkPolicy().selectsAllPods())
                .as("the patch does not touch podSelector")
                .isFalse();
    }

    @Test
    void bodiesOfAnyFieldOrderAreRead() {
        // Bodies before objectRef and verb (the old webhook form sorts keys).
        String event = "{\"auditID\":\"z\",\"kind\":\"Event\",\"requestObject\":{\"spec\":{\"hostIPC\":true}},"
                + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"a\"},\"stage\":\"ResponseComplete\","
                + "\"stageTimestamp\":\"2024-01-01T00:00:00Z\",\"user\":{\"username\":\"u\"},\"verb\":\"create\"}";
        assertThat(read(event).onlyEvent().facts().podSpec().hostIPC()).isTrue();
    }

    @Test
    void malformedBodiesGiveNoFactsButTheEventStands() {
        CollectingSink sink = read(
                auditEvent()
                        .put("verb", "create")
                        .set(
                                "requestObject",
                                parse(
                                        "{\"spec\":{\"containers\":{\"not\":\"a list\"},\"volumes\":7,\"hostNetwork\":\"yes\"}}")));
        PodSpec pod = sink.onlyEvent().facts().podSpec();
        assertThat(pod.images()).isEmpty();
        assertThat(pod.hostNetwork()).isFalse();
    }
}
