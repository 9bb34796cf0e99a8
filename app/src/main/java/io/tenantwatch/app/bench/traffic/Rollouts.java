package io.tenantwatch.app.bench.traffic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes that carry object bodies: a tenant's CI account deploying into its own tenant (followed,
 * for a rollout, by the deployment controller's ReplicaSet, the ReplicaSet controller's pods with
 * full specs, the scheduler's bindings and the kubelets' status patches), and AKS's DaemonSet pods
 * in kube-system, which run privileged with host mounts by design.
 */
final class Rollouts {

    private static final String[][] ADDONS = {
        {"kube-proxy", "mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.30.4-hotfix.20240819", "/lib/modules"},
        {"csi-azuredisk-node", "mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.30.3", "/var/lib/kubelet"},
        {"azure-cns", "mcr.microsoft.com/containernetworking/azure-cns:v1.5.35", "/var/run/azure-cns"},
        {"cloud-node-manager", "mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.30.4", null},
    };
    private static final String CI_AGENT = "kubectl/" + Identities.K8S;

    private final TrafficGenerator gen;
    private long resourceVersion = 7_140_000;

    Rollouts(TrafficGenerator gen) {
        this.gen = gen;
    }

    private SplittableRandom random() {
        return gen.random();
    }

    private Bodies.Meta stored(String name, String generateName, String namespace) {
        return new Bodies.Meta(name, generateName, namespace, gen.uuid(), gen.creationTimestamp(), ++resourceVersion);
    }

    private AuditEvent ci(AuditEvent e, ClusterModel.Tenant tenant) {
        ClusterModel.ServiceAccount ci = tenant.ci();
        return Identities.serviceAccount(
                e,
                ci.namespace(),
                ci.name(),
                "deployer-7d4b9c8f6d-" + ClusterModel.token(random(), 5),
                CI_AGENT,
                random());
    }

    void ciDeploy() {
        ClusterModel.Tenant tenant =
                gen.model().tenants().get(random().nextInt(gen.model().tenants().size()));
        ClusterModel.Namespace ns =
                tenant.namespaces().get(random().nextInt(tenant.namespaces().size()));
        ClusterModel.App app = ns.apps().get(random().nextInt(ns.apps().size()));
        int what = random().nextInt(10);
        if (what < 6) {
            rollout(tenant, ns, app);
        } else if (what < 8) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("LOG_LEVEL", random().nextBoolean() ? "info" : "debug");
            data.put("FEATURE_FLAGS", "checkout-v2,search-suggest");
            data.put(
                    "appsettings.json",
                    "{\"Logging\":{\"LogLevel\":{\"Default\":\"Information\"}},\"AllowedHosts\":\"*\","
                            + "\"Api\":{\"BaseUrl\":\"http://" + app.name() + "." + ns.name()
                            + ".svc.cluster.local\",\"TimeoutSeconds\":30}}");
            AuditEvent e = write(Api.CONFIGMAPS, "patch", ns.name(), app.name() + "-config");
            e.responseObject = Bodies.configMap(stored(app.name() + "-config", null, ns.name()), data);
            gen.emit(ci(e, tenant));
        } else if (what < 9) {
            AuditEvent e = write(Api.SERVICES, "patch", ns.name(), app.name());
            e.responseObject = Bodies.service(stored(app.name(), null, ns.name()), app.name(), "ClusterIP");
            gen.emit(ci(e, tenant));
        } else {
            AuditEvent e = gen.request(Api.path(Api.SECRETS, ns.name(), null, null), "create")
                    .object("secrets", ns.name(), app.name() + "-db", null, "v1");
            e.code = 201;
            gen.emit(ci(e, tenant));
        }
    }

    private AuditEvent write(Api.Res r, String verb, String namespace, String name) {
        AuditEvent e = gen.request(Api.path(r, namespace, name, null) + "?fieldManager=kubectl-client-side-apply", verb)
                .object(r.name(), namespace, name, r.group(), r.version());
        e.level = "RequestResponse";
        return e;
    }

    /** {@code kubectl apply} of a new image, and what the control plane does about it. */
    private void rollout(ClusterModel.Tenant tenant, ClusterModel.Namespace ns, ClusterModel.App app) {
        PodTemplate template = PodTemplate.app(app.name(), app.image(), ClusterModel.token(random(), 5))
                .serviceAccount(random().nextBoolean() ? "default" : app.name());
        int replicas = app.pods().size();
        AuditEvent apply = write(Api.DEPLOYMENTS, "patch", ns.name(), app.name());
        String deploymentUid = gen.uuid();
        apply.requestObject = g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("spec");
            g.writeObjectFieldStart("template");
            g.writeObjectFieldStart("spec");
            g.writeArrayFieldStart("containers");
            g.writeStartObject();
            g.writeStringField("image", app.image());
            g.writeStringField("name", app.name());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        };
        apply.responseObject = Bodies.workload(
                "Deployment",
                new Bodies.Meta(app.name(), null, ns.name(), deploymentUid, gen.creationTimestamp(), ++resourceVersion),
                app,
                null,
                template,
                replicas,
                true);
        gen.emit(ci(apply, tenant));

        String rsName = app.name() + "-" + app.templateHash();
        AuditEvent rs = gen.request(Api.path(Api.REPLICASETS, ns.name(), null, null), "create")
                .object("replicasets", ns.name(), rsName, "apps", "v1");
        rs.level = "RequestResponse";
        rs.code = 201;
        String rsUid = gen.uuid();
        rs.requestObject = Bodies.workload(
                "ReplicaSet",
                new Bodies.Meta(rsName, null, ns.name(), null, null, 0),
                app,
                deploymentUid,
                template,
                replicas,
                false);
        rs.responseObject = Bodies.workload(
                "ReplicaSet",
                new Bodies.Meta(rsName, null, ns.name(), rsUid, gen.creationTimestamp(), ++resourceVersion),
                app,
                deploymentUid,
                template,
                replicas,
                true);
        gen.emit(Identities.controller(rs, "deployment-controller"));

        for (String pod : app.pods()) {
            String node =
                    gen.model().nodes().get(random().nextInt(gen.model().nodes().size()));
            AuditEvent create = gen.request(Api.path(Api.PODS, ns.name(), null, null), "create")
                    .object("pods", ns.name(), null, null, "v1");
            // Logged at level Request: the pod as the controller sent it.
            create.level = "Request";
            create.code = 201;
            create.requestObject = Bodies.pod(
                    new Bodies.Meta(pod, rsName + "-", ns.name(), null, null, 0),
                    app,
                    "ReplicaSet",
                    rsName,
                    rsUid,
                    template,
                    null,
                    false);
            gen.emit(Identities.controller(create, "replicaset-controller"));

            AuditEvent bind = gen.request(Api.path(Api.PODS, ns.name(), pod, "binding"), "create")
                    .object("pods", ns.name(), pod, null, "v1");
            bind.subresource = "binding";
            bind.code = 201;
            gen.emit(Identities.component(bind, "system:kube-scheduler", "kube-scheduler"));

            AuditEvent status = gen.request(Api.path(Api.PODS, ns.name(), pod, "status"), "patch")
                    .object("pods", ns.name(), pod, null, "v1");
            status.subresource = "status";
            gen.emit(Identities.node(status, node));
        }
    }

    /** An AKS add-on's DaemonSet pod on a new node: privileged, host network, host mounts. */
    void daemonSetPod() {
        String[] addon = ADDONS[random().nextInt(ADDONS.length)];
        String node =
                gen.model().nodes().get(random().nextInt(gen.model().nodes().size()));
        String pod = addon[0] + "-" + ClusterModel.token(random(), 5);
        ClusterModel.App app =
                new ClusterModel.App(addon[0], addon[1], ClusterModel.token(random(), 9), java.util.List.of(pod));
        PodTemplate template = PodTemplate.app(addon[0], addon[1], ClusterModel.token(random(), 5))
                .serviceAccount(addon[0])
                .privileged(!"cloud-node-manager".equals(addon[0]))
                .hostNetwork(true)
                .hostPath(addon[2]);
        AuditEvent create = gen.request(Api.path(Api.PODS, "kube-system", null, null), "create")
                .object("pods", "kube-system", null, null, "v1");
        create.level = "Request";
        create.code = 201;
        String owner = addon[0];
        String ownerUid = gen.uuid();
        create.requestObject = Bodies.pod(
                new Bodies.Meta(pod, owner + "-", "kube-system", null, null, 0),
                app,
                "DaemonSet",
                owner,
                ownerUid,
                template,
                node,
                false);
        gen.emit(Identities.controller(create, "daemon-set-controller"));
    }
}
