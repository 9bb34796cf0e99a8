package io.tenantwatch.app.bench.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Attack traces, each the request an attacker (a tenant's stolen CI token, a tenant member going
 * too far, an anonymous caller) makes, with the detector that must name it. Traces take turns, so
 * that a stream of any length holds every kind about equally often.
 */
final class AttackTraces {

    /** Every trace kind and the detector that must report it (docs/detectors.md). */
    enum Trace {
        CROSS_TENANT_READ("cross-tenant-read"),
        CROSS_TENANT_SECRET("cross-tenant-secret-access"),
        CROSS_TENANT_EXEC("cross-tenant-exec"),
        CROSS_TENANT_WRITE("cross-tenant-write"),
        CROSS_TENANT_DENIED("cross-tenant-denied"),
        CROSS_TENANT_BINDING("cross-tenant-binding"),
        PRIVILEGED_POD("privileged-container"),
        HOST_MOUNT("sensitive-host-mount"),
        HOST_NETWORK("host-namespace-sharing"),
        DANGEROUS_CAPABILITY("dangerous-capabilities"),
        MINER_IMAGE("suspicious-image"),
        CLUSTER_ADMIN_BINDING("cluster-admin-binding"),
        WILDCARD_ROLE("wildcard-role"),
        TOKEN_THEFT_EXEC("exec-suspicious-command"),
        TOKEN_REQUEST("token-request"),
        NODE_PROXY("node-proxy-access"),
        ANONYMOUS("anonymous-access"),
        CONFIGMAP_CREDENTIALS("configmap-credentials"),
        PUBLIC_LOAD_BALANCER("service-exposed"),
        EVENTS_DELETED("events-deleted");

        final String detector;

        Trace(String detector) {
            this.detector = detector;
        }
    }

    private static final Trace[] TRACES = Trace.values();

    private final TrafficGenerator gen;
    private int turn;

    AttackTraces(TrafficGenerator gen) {
        this.gen = gen;
    }

    /** The detectors the traces exercise, one per trace kind. */
    static List<String> detectors() {
        return java.util.Arrays.stream(TRACES).map(t -> t.detector).toList();
    }

    void next() {
        emit(TRACES[turn++ % TRACES.length]);
    }

    private SplittableRandom random() {
        return gen.random();
    }

    private <T> T pick(List<T> list) {
        return list.get(random().nextInt(list.size()));
    }

    void emit(Trace trace) {
        List<ClusterModel.Tenant> tenants = gen.model().tenants();
        int a = random().nextInt(tenants.size());
        ClusterModel.Tenant attacker = tenants.get(a);
        ClusterModel.Tenant victim = tenants.get((a + 1 + random().nextInt(tenants.size() - 1)) % tenants.size());
        ClusterModel.Namespace own = pick(attacker.namespaces());
        ClusterModel.Namespace theirs = pick(victim.namespaces());
        ClusterModel.App ownApp = pick(own.apps());
        ClusterModel.App theirApp = pick(theirs.apps());
        String theirPod = pick(theirApp.pods());
        String ownPod = pick(ownApp.pods());
        ClusterModel.Person person = pick(attacker.people());
        AuditEvent e;
        switch (trace) {
            case CROSS_TENANT_READ ->
                e = person(
                        gen.request(
                                Api.CONFIGMAPS,
                                "list",
                                theirs.name(),
                                null,
                                null,
                                Api.list(Api.CONFIGMAPS, theirs.name())),
                        person);
            case CROSS_TENANT_SECRET ->
                e = ci(gen.request(Api.SECRETS, "get", theirs.name(), theirApp.name() + "-db", null, null), attacker);
            case CROSS_TENANT_EXEC ->
                e = exec(ci(
                        gen.request(
                                Api.PODS,
                                "create",
                                theirs.name(),
                                theirPod,
                                "exec",
                                execUri(theirs.name(), theirPod, theirApp.name(), "command=sh")),
                        attacker));
            case CROSS_TENANT_WRITE ->
                e = person(gen.request(Api.DEPLOYMENTS, "patch", theirs.name(), theirApp.name(), null, null), person);
            case CROSS_TENANT_DENIED ->
                e = ci(gen.request(Api.NETWORKPOLICIES, "delete", theirs.name(), "default-deny", null, null), attacker)
                        .forbidden();
            case CROSS_TENANT_BINDING -> {
                // A member of the victim tenant lets another tenant's CI account in: its own namespace, a foreign
                // subject.
                e = person(
                        gen.request(Api.ROLEBINDINGS, "create", theirs.name(), null, null, null),
                        pick(victim.people()));
                e.name = "ci-access";
                e.code = 201;
                e.level = "RequestResponse";
                e.requestObject = Bodies.binding(
                        "RoleBinding",
                        meta("ci-access", theirs.name()),
                        "ServiceAccount",
                        attacker.ci().name(),
                        attacker.ci().namespace(),
                        "ClusterRole",
                        "edit");
            }
            case PRIVILEGED_POD ->
                e = podCreate(person, own, ownApp, template(ownApp).privileged(true));
            case HOST_MOUNT ->
                e = podCreate(person, own, ownApp, template(ownApp).hostPath("/"));
            case HOST_NETWORK ->
                e = podCreate(person, own, ownApp, template(ownApp).hostNetwork(true));
            case DANGEROUS_CAPABILITY ->
                e = podCreate(person, own, ownApp, template(ownApp).addCapability("SYS_ADMIN"));
            case MINER_IMAGE -> {
                e = ci(gen.request(Api.DEPLOYMENTS, "create", own.name(), null, null, null), attacker);
                e.name = "metrics-exporter";
                e.code = 201;
                e.level = "RequestResponse";
                PodTemplate miner = PodTemplate.app(
                        "metrics-exporter", "docker.io/xmrig/xmrig:6.21.0", ClusterModel.token(random(), 5));
                e.responseObject = Bodies.workload(
                        "Deployment", stored("metrics-exporter", own.name()), ownApp, null, miner, 1, true);
            }
            case CLUSTER_ADMIN_BINDING -> {
                e = person(gen.request(Api.CLUSTERROLEBINDINGS, "create", null, null, null, null), person);
                e.name = "debug-" + ClusterModel.token(random(), 5);
                e.code = 201;
                e.level = "RequestResponse";
                e.requestObject = Bodies.binding(
                        "ClusterRoleBinding",
                        meta(e.name, null),
                        "User",
                        person.username(),
                        null,
                        "ClusterRole",
                        "cluster-admin");
            }
            case WILDCARD_ROLE -> {
                e = person(gen.request(Api.ROLES, "create", own.name(), null, null, null), person);
                e.name = "power-user";
                e.code = 201;
                e.level = "RequestResponse";
                e.requestObject =
                        Bodies.role("Role", meta("power-user", own.name()), new String[] {"*"}, new String[] {"*"});
            }
            case TOKEN_THEFT_EXEC ->
                e = exec(person(
                        gen.request(
                                Api.PODS,
                                "create",
                                own.name(),
                                ownPod,
                                "exec",
                                execUri(
                                        own.name(),
                                        ownPod,
                                        ownApp.name(),
                                        "command=cat&command=%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken")),
                        person));
            case TOKEN_REQUEST -> {
                e = person(gen.request(Api.SERVICEACCOUNTS, "create", own.name(), "default", "token", null), person);
                e.code = 201;
            }
            case NODE_PROXY -> {
                String node = pick(gen.model().nodes());
                // A proxied request is long-running to the API server: logged at ResponseStarted, like exec.
                e = person(
                        gen.request(
                                Api.NODES,
                                "get",
                                null,
                                node,
                                "proxy",
                                Api.path(Api.NODES, null, node, "proxy") + "/stats/summary"),
                        person);
                e.stage = "ResponseStarted";
            }
            case ANONYMOUS -> {
                e = gen.request(Api.PODS, "list", theirs.name(), null, null, Api.list(Api.PODS, theirs.name()));
                e.user("system:anonymous", null, List.of("system:unauthenticated"));
                e.sourceIp = "203.0.113." + (1 + random().nextInt(250));
                e.userAgent = "python-requests/2.31.0";
                e.reason =
                        "RBAC: allowed by ClusterRoleBinding \"debug-anonymous\" of ClusterRole \"view\" to User \"system:anonymous\"";
            }
            case CONFIGMAP_CREDENTIALS -> {
                e = ci(
                        gen.request(Api.CONFIGMAPS, "patch", own.name(), ownApp.name() + "-config", null, null),
                        attacker);
                e.level = "RequestResponse";
                Map<String, String> data = new LinkedHashMap<>();
                data.put("LOG_LEVEL", "info");
                data.put("DB_PASSWORD", "Summer2026!" + ClusterModel.token(random(), 4));
                e.responseObject = Bodies.configMap(stored(ownApp.name() + "-config", own.name()), data);
            }
            case PUBLIC_LOAD_BALANCER -> {
                e = ci(gen.request(Api.SERVICES, "create", own.name(), null, null, null), attacker);
                e.name = ownApp.name() + "-public";
                e.code = 201;
                e.level = "RequestResponse";
                e.responseObject = Bodies.service(stored(e.name, own.name()), ownApp.name(), "LoadBalancer");
            }
            case EVENTS_DELETED ->
                e = person(gen.request(Api.EVENTS, "deletecollection", own.name(), null, null, null), person);
            default -> throw new IllegalStateException("no trace " + trace);
        }
        gen.emitAttack(e, trace.detector);
    }

    private AuditEvent person(AuditEvent e, ClusterModel.Person p) {
        return Identities.person(e, p, random());
    }

    private AuditEvent ci(AuditEvent e, ClusterModel.Tenant tenant) {
        ClusterModel.ServiceAccount ci = tenant.ci();
        return Identities.serviceAccount(
                e,
                ci.namespace(),
                ci.name(),
                "deployer-7d4b9c8f6d-" + ClusterModel.token(random(), 5),
                "curl/8.5.0",
                random());
    }

    private static AuditEvent exec(AuditEvent e) {
        e.level = "Request";
        e.stage = "ResponseStarted";
        e.code = 101;
        return e;
    }

    private static String execUri(String namespace, String pod, String container, String command) {
        return Api.path(Api.PODS, namespace, pod, "exec") + "?" + command + "&container=" + container
                + "&stdin=true&stdout=true&tty=true";
    }

    private PodTemplate template(ClusterModel.App app) {
        return PodTemplate.app(app.name(), app.image(), ClusterModel.token(random(), 5));
    }

    private AuditEvent podCreate(
            ClusterModel.Person person, ClusterModel.Namespace ns, ClusterModel.App app, PodTemplate template) {
        String pod = app.name() + "-debug-" + ClusterModel.token(random(), 5);
        AuditEvent e = person(gen.request(Api.PODS, "create", ns.name(), null, null, null), person);
        e.name = pod;
        e.code = 201;
        e.level = "RequestResponse";
        e.requestObject = Bodies.pod(meta(pod, ns.name()), app, null, null, null, template, null, false);
        e.responseObject = Bodies.pod(stored(pod, ns.name()), app, null, null, null, template, null, true);
        return e;
    }

    private static Bodies.Meta meta(String name, String namespace) {
        return new Bodies.Meta(name, null, namespace, null, null, 0);
    }

    private Bodies.Meta stored(String name, String namespace) {
        return new Bodies.Meta(
                name, null, namespace, gen.uuid(), gen.creationTimestamp(), 9_000_000 + random().nextInt(1_000_000));
    }
}
