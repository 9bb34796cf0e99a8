package io.tenantwatch.app.bench.traffic;

import java.util.SplittableRandom;

/**
 * Benign activity of a multi-tenant AKS cluster, in about the mix a real API server logs: kubelets'
 * leases and status updates dominate, controllers and add-ons watch and list, CoreDNS, Azure add-ons,
 * policy and GitOps agents do their rounds, CI service accounts deploy into their own tenant (and
 * the controllers, scheduler and kubelets follow with full pod specs), people read, exec and are
 * sometimes denied in their own tenant, and workloads talk to the API with their own accounts.
 * Nothing here crosses a tenant boundary or does anything the catalogue means to report.
 */
final class BenignActivity {

    /** The kinds of activity and their relative frequencies. */
    private enum Kind {
        NODE_LEASE(14),
        NODE_STATUS(5),
        KUBELET_READ(5),
        KUBELET_TOKEN(2),
        CONTROLLER_WATCH(10),
        LEADER_ELECTION(5),
        ENDPOINTSLICES(4),
        COREDNS(3),
        APISERVER(1),
        AKS_SERVICE(2),
        AKS_ADDON(5),
        GATEKEEPER(2),
        GITOPS(3),
        PROMETHEUS(3),
        CI_DEPLOY(3),
        DAEMONSET(0.5),
        PEOPLE_READ(7),
        PEOPLE_EXEC(1),
        PEOPLE_DENIED(2),
        APP_ACCOUNT(5),
        EVENTS(3);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final double[] CUMULATIVE = new double[KINDS.length];

    static {
        double total = 0;
        for (Kind k : KINDS) {
            total += k.weight;
        }
        double sum = 0;
        for (int i = 0; i < KINDS.length; i++) {
            sum += KINDS[i].weight / total;
            CUMULATIVE[i] = sum;
        }
    }

    private static final String[] CONTROLLERS = {
        "replicaset-controller",
        "deployment-controller",
        "endpointslice-controller",
        "generic-garbage-collector",
        "namespace-controller",
        "resourcequota-controller",
        "horizontal-pod-autoscaler",
        "job-controller",
        "daemon-set-controller",
        "statefulset-controller",
        "cronjob-controller",
        "pvc-protection-controller"
    };
    private static final String[] BENIGN_COMMANDS = {
        "command=sh",
        "command=bash",
        "command=ls&command=-la&command=%2Fapp",
        "command=env",
        "command=cat&command=%2Fapp%2Fconfig%2Fappsettings.json",
        "command=ps&command=aux",
        "command=df&command=-h",
        "command=sh&command=-c&command=curl+-s+localhost%3A8080%2Fhealthz"
    };

    private final TrafficGenerator gen;
    private final Rollouts rollouts;
    private long resourceVersion = 5_318_000;

    BenignActivity(TrafficGenerator gen) {
        this.gen = gen;
        this.rollouts = new Rollouts(gen);
    }

    void next() {
        double roll = gen.random().nextDouble();
        int i = 0;
        while (i < KINDS.length - 1 && roll >= CUMULATIVE[i]) {
            i++;
        }
        switch (KINDS[i]) {
            case NODE_LEASE -> nodeLease();
            case NODE_STATUS -> nodeStatus();
            case KUBELET_READ -> kubeletRead();
            case KUBELET_TOKEN -> kubeletToken();
            case CONTROLLER_WATCH -> controllerWatch();
            case LEADER_ELECTION -> leaderElection();
            case ENDPOINTSLICES -> endpointSlices();
            case COREDNS -> coreDns();
            case APISERVER -> apiServer();
            case AKS_SERVICE -> aksService();
            case AKS_ADDON -> aksAddon();
            case GATEKEEPER -> gatekeeper();
            case GITOPS -> gitOps();
            case PROMETHEUS -> prometheus();
            case CI_DEPLOY -> rollouts.ciDeploy();
            case DAEMONSET -> rollouts.daemonSetPod();
            case PEOPLE_READ -> peopleRead();
            case PEOPLE_EXEC -> peopleExec();
            case PEOPLE_DENIED -> peopleDenied();
            case APP_ACCOUNT -> appAccount();
            case EVENTS -> events();
        }
    }

    private SplittableRandom random() {
        return gen.random();
    }

    private ClusterModel model() {
        return gen.model();
    }

    private <T> T pick(java.util.List<T> list) {
        return list.get(random().nextInt(list.size()));
    }

    private <T> T pick(T[] array) {
        return array[random().nextInt(array.length)];
    }

    /** A request on a resource; {@code uri} null means the object's (or collection's) plain path. */
    private AuditEvent request(Api.Res r, String verb, String namespace, String name, String subresource, String uri) {
        return gen.request(r, verb, namespace, name, subresource, uri);
    }

    private void nodeLease() {
        String node = pick(model().nodes());
        AuditEvent e = request(
                Api.LEASES,
                "update",
                "kube-node-lease",
                node,
                null,
                Api.path(Api.LEASES, "kube-node-lease", node, null) + "?timeout=10s");
        gen.emit(Identities.node(e, node));
    }

    private void nodeStatus() {
        String node = pick(model().nodes());
        boolean patch = random().nextInt(3) == 0;
        AuditEvent e = patch
                ? request(
                        Api.NODES,
                        "patch",
                        null,
                        node,
                        "status",
                        Api.path(Api.NODES, null, node, "status") + "?timeout=10s")
                : request(
                        Api.NODES,
                        "get",
                        null,
                        node,
                        null,
                        Api.path(Api.NODES, null, node, null) + "?resourceVersion=0&timeout=10s");
        gen.emit(Identities.node(e, node));
    }

    /** Kubelets read the configmaps and secrets of the pods they run (the node authorizer allows it). */
    private void kubeletRead() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        Api.Res r = random().nextInt(3) == 0 ? Api.SECRETS : Api.CONFIGMAPS;
        String name = r == Api.SECRETS ? pick(ns.apps()).name() + "-tls" : "kube-root-ca.crt";
        AuditEvent e = request(
                r,
                "watch",
                ns.name(),
                name,
                null,
                Api.path(r, ns.name(), null, null)
                        + "?allowWatchBookmarks=true&fieldSelector=metadata.name%3D" + name + "&resourceVersion="
                        + (++resourceVersion)
                        + "&timeout=5m27s&timeoutSeconds=327&watch=true");
        gen.emit(Identities.node(e, pick(model().nodes())));
    }

    /** Kubelets refresh their pods' projected tokens (serviceaccounts/token). */
    private void kubeletToken() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        AuditEvent e = request(Api.SERVICEACCOUNTS, "create", ns.name(), "default", "token", null);
        e.code = 201;
        gen.emit(Identities.node(e, pick(model().nodes())));
    }

    private void controllerWatch() {
        Api.Res r = pick(Api.WATCHED);
        boolean list = random().nextInt(4) == 0;
        AuditEvent e = request(
                r,
                list ? "list" : "watch",
                null,
                null,
                null,
                list
                        ? Api.list(r, null) + "&resourceVersion=0"
                        : Api.watch(r, null, ++resourceVersion, 300 + random().nextInt(300)));
        gen.emit(Identities.controller(e, pick(CONTROLLERS)));
    }

    private void leaderElection() {
        int who = random().nextInt(3);
        if (who == 2 && !model().workloadAccounts().isEmpty()) {
            ClusterModel.ServiceAccount sa = pick(model().workloadAccounts());
            AuditEvent e = request(Api.LEASES, "update", sa.namespace(), sa.name() + "-leader", null, null);
            gen.emit(Identities.serviceAccount(
                    e, sa.namespace(), sa.name(), sa.name() + "-0", "Go-http-client/2.0", random()));
            return;
        }
        String component = who == 0 ? "kube-controller-manager" : "kube-scheduler";
        AuditEvent e = request(
                Api.LEASES,
                "update",
                "kube-system",
                component,
                null,
                Api.path(Api.LEASES, "kube-system", component, null) + "?timeout=5s");
        gen.emit(Identities.component(e, "system:" + component, component));
    }

    private void endpointSlices() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        String app = pick(ns.apps()).name();
        AuditEvent e = request(
                Api.ENDPOINTSLICES, "update", ns.name(), app + "-" + ClusterModel.token(random(), 5), null, null);
        gen.emit(Identities.controller(e, "endpointslice-controller"));
    }

    private void coreDns() {
        Api.Res r = pick(new Api.Res[] {Api.ENDPOINTSLICES, Api.SERVICES, Api.NAMESPACES});
        AuditEvent e = request(
                r, "watch", null, null, null, Api.watch(r, null, ++resourceVersion, 400 + random().nextInt(200)));
        gen.emit(Identities.serviceAccount(
                e,
                "kube-system",
                "coredns",
                "coredns-789789675-" + ClusterModel.token(random(), 5),
                "coredns/v1.11.1 (linux/amd64) kubernetes/1.30",
                random()));
    }

    /** The API server keeps the default/kubernetes endpoints current. */
    private void apiServer() {
        boolean get = random().nextBoolean();
        AuditEvent e = get
                ? request(Api.ENDPOINTSLICES, "get", "default", "kubernetes", null, null)
                : request(Api.ENDPOINTS, "get", "default", "kubernetes", null, null);
        gen.emit(Identities.component(e, "system:apiserver", "kube-apiserver"));
    }

    /** AKS's management identity, as in the corpus' sysdiglabs envelope: mostly reads in kube-system, now and then a write. */
    private void aksService() {
        int what = random().nextInt(10);
        AuditEvent e;
        if (what == 0) {
            e = request(Api.CONFIGMAPS, "update", "kube-system", "coredns-custom", null, null);
        } else if (what < 4) {
            e = request(Api.NODES, "get", null, pick(model().nodes()), null, null);
        } else {
            e = request(
                    Api.CONFIGMAPS,
                    "get",
                    "kube-system",
                    pick(new String[] {
                        "coredns", "coredns-custom", "container-azm-ms-agentconfig", "overlay-upgrade-data"
                    }),
                    null,
                    null);
        }
        gen.emit(Identities.aksService(e));
    }

    /** Azure Monitor, Azure Policy, metrics-server, konnectivity and the cloud node manager. */
    private void aksAddon() {
        int what = random().nextInt(5);
        AuditEvent e;
        String account;
        String agent;
        switch (what) {
            case 0 -> {
                e = request(Api.PODS, "list", null, null, null, Api.list(Api.PODS, null));
                account = "ama-logs";
                agent = "ama-logs/v3.1.21 (linux/amd64)";
            }
            case 1 -> {
                e = request(Api.CONSTRAINTTEMPLATES, "list", null, null, null, Api.list(Api.CONSTRAINTTEMPLATES, null));
                account = "azure-policy";
                agent = "azurepolicyaddon/v1.5.0 (linux/amd64)";
            }
            case 2 -> {
                e = request(Api.SUBJECTACCESSREVIEWS, "create", null, null, null, null);
                e.code = 201;
                account = "metrics-server";
                agent = "metrics-server/v0.7.1 (linux/amd64) kubernetes/$Format";
            }
            case 3 -> {
                e = request(Api.NODES, "patch", null, pick(model().nodes()), "status", null);
                account = "cloud-node-manager";
                agent = "cloud-node-manager/v1.30.3 (linux/amd64)";
            }
            default -> {
                e = request(Api.EVENTS, "list", null, null, null, Api.list(Api.EVENTS, null));
                account = "ama-logs";
                agent = "ama-logs/v3.1.21 (linux/amd64)";
            }
        }
        gen.emit(Identities.serviceAccount(
                e, "kube-system", account, account + "-" + ClusterModel.token(random(), 5), agent, random()));
    }

    private void gatekeeper() {
        Api.Res r = pick(new Api.Res[] {Api.PODS, Api.NAMESPACES, Api.CONSTRAINTTEMPLATES, Api.INGRESSES});
        AuditEvent e = request(r, "watch", null, null, null, Api.watch(r, null, ++resourceVersion, 500));
        gen.emit(Identities.serviceAccount(
                e,
                "gatekeeper-system",
                "gatekeeper-admin",
                "gatekeeper-audit-" + ClusterModel.token(random(), 5),
                "gatekeeper/v3.16.3 (linux/amd64)",
                random()));
    }

    /** Argo CD's application controller syncs tenants' apps; Flux's kustomize-controller applies their config. */
    private void gitOps() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        boolean argo = random().nextBoolean();
        int what = random().nextInt(3);
        AuditEvent e;
        if (what == 0) {
            Api.Res r = pick(Api.WATCHED);
            e = request(r, "watch", null, null, null, Api.watch(r, null, ++resourceVersion, 600));
        } else if (argo) {
            e = request(Api.DEPLOYMENTS, "patch", ns.name(), pick(ns.apps()).name(), null, null);
        } else {
            e = request(Api.CONFIGMAPS, "patch", ns.name(), pick(ns.apps()).name() + "-config", null, null);
        }
        if (argo) {
            gen.emit(Identities.serviceAccount(
                    e,
                    "argocd",
                    "argocd-application-controller",
                    "argocd-application-controller-0",
                    "argocd-application-controller/v2.11.3",
                    random()));
        } else {
            gen.emit(Identities.serviceAccount(
                    e,
                    "flux-system",
                    "kustomize-controller",
                    "kustomize-controller-5c8f9d7b6-" + ClusterModel.token(random(), 5),
                    "flux/v2",
                    random()));
        }
    }

    private void prometheus() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        Api.Res r = pick(new Api.Res[] {Api.PODS, Api.ENDPOINTS, Api.SERVICES});
        AuditEvent e = request(r, "list", ns.name(), null, null, Api.list(r, ns.name()) + "&resourceVersion=0");
        gen.emit(Identities.serviceAccount(
                e, "monitoring", "prometheus", "prometheus-k8s-0", "prometheus/v2.53.0", random()));
    }

    private void peopleRead() {
        ClusterModel.Person p = pick(model().people());
        ClusterModel.Namespace ns = pick(p.tenant().namespaces());
        int what = random().nextInt(10);
        AuditEvent e;
        if (what < 5) {
            Api.Res r = pick(Api.NAMESPACED_READS);
            e = request(r, "list", ns.name(), null, null, Api.list(r, ns.name()));
        } else if (what < 8) {
            ClusterModel.App app = pick(ns.apps());
            String pod = pick(app.pods());
            e = request(
                    Api.PODS,
                    "get",
                    ns.name(),
                    pod,
                    "log",
                    Api.path(Api.PODS, ns.name(), pod, "log") + "?container=" + app.name()
                            + "&follow=true&tailLines=100");
        } else {
            ClusterModel.App app = pick(ns.apps());
            e = request(Api.DEPLOYMENTS, "get", ns.name(), app.name(), null, null);
        }
        gen.emit(Identities.person(e, p, random()));
    }

    /** An exec into a pod of one's own tenant: ResponseStarted (counted), then ResponseComplete (a duplicate of it). */
    private void peopleExec() {
        ClusterModel.Person p = pick(model().people());
        ClusterModel.Namespace ns = pick(p.tenant().namespaces());
        ClusterModel.App app = pick(ns.apps());
        String pod = pick(app.pods());
        String uri = Api.path(Api.PODS, ns.name(), pod, "exec") + "?" + pick(BENIGN_COMMANDS) + "&container="
                + app.name() + "&stdin=true&stdout=true&tty=true";
        AuditEvent started = request(Api.PODS, "create", ns.name(), pod, "exec", uri);
        started.level = "Request";
        started.stage = "ResponseStarted";
        started.code = 101;
        Identities.person(started, p, random());
        gen.emit(started);
        started.stage = "ResponseComplete";
        gen.emit(started);
    }

    /** RBAC says no inside one's own tenant, or at the cluster scope: routine, and no concern of the catalogue. */
    private void peopleDenied() {
        ClusterModel.Person p = pick(model().people());
        int what = random().nextInt(4);
        AuditEvent e;
        if (what == 0) {
            e = request(Api.NODES, "list", null, null, null, Api.list(Api.NODES, null));
        } else if (what == 1) {
            e = request(Api.NAMESPACES, "list", null, null, null, Api.list(Api.NAMESPACES, null));
        } else {
            ClusterModel.Namespace ns = p.tenant().namespaces().get(0);
            ClusterModel.App app = pick(ns.apps());
            e = what == 2
                    ? request(Api.PODS, "delete", ns.name(), pick(app.pods()), null, null)
                    : request(Api.SECRETS, "get", ns.name(), app.name() + "-db", null, null);
        }
        Identities.person(e, p, random());
        gen.emit(e.forbidden());
    }

    /** Workloads use the API with their own service accounts, in their own namespace. */
    private void appAccount() {
        if (model().workloadAccounts().isEmpty()) {
            peopleRead();
            return;
        }
        ClusterModel.ServiceAccount sa = pick(model().workloadAccounts());
        int what = random().nextInt(3);
        AuditEvent e =
                switch (what) {
                    case 0 -> request(Api.CONFIGMAPS, "get", sa.namespace(), sa.name() + "-config", null, null);
                    case 1 -> request(Api.PODS, "list", sa.namespace(), null, null, Api.list(Api.PODS, sa.namespace()));
                    default ->
                        request(
                                Api.ENDPOINTS,
                                "watch",
                                sa.namespace(),
                                null,
                                null,
                                Api.watch(Api.ENDPOINTS, sa.namespace(), ++resourceVersion, 480));
                };
        gen.emit(Identities.serviceAccount(
                e,
                sa.namespace(),
                sa.name(),
                sa.name() + "-" + ClusterModel.token(random(), 9) + "-" + ClusterModel.token(random(), 5),
                "Go-http-client/2.0",
                random()));
    }

    /** Kubelets and controllers record events in tenants' namespaces. */
    private void events() {
        ClusterModel.Namespace ns = pick(model().namespaces());
        String pod = pick(pick(ns.apps()).pods());
        boolean patch = random().nextInt(3) == 0;
        AuditEvent e = request(
                Api.EVENTS,
                patch ? "patch" : "create",
                ns.name(),
                patch ? pod + "." + String.format("%016x", random().nextLong()) : null,
                null,
                null);
        e.code = patch ? 200 : 201;
        gen.emit(Identities.node(e, pick(model().nodes())));
    }
}
