package io.tenantwatch.app.bench.traffic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who makes a request, as the audit log records it: user info (name, uid, groups, extras), source
 * IP and user agent, per kind of identity on an AKS cluster.
 */
final class Identities {

    static final String K8S = "v1.30.4 (linux/amd64) kubernetes/a51b3b7";
    private static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");
    private static final List<String> MASTERS = List.of("system:masters", "system:authenticated");
    private static final String CONTROL_PLANE_IP = "172.31.9.19";

    private Identities() {}

    static AuditEvent node(AuditEvent e, String node) {
        e.user("system:node:" + node, null, NODE_GROUPS);
        e.sourceIp = "10.224.0." + (4 + Math.abs(node.hashCode() % 200));
        e.userAgent = "kubelet/" + K8S;
        return e;
    }

    /** A controller of kube-controller-manager, with its own service account (use-service-account-credentials). */
    static AuditEvent controller(AuditEvent e, String name) {
        String user = "system:serviceaccount:kube-system:" + name;
        e.user(user, null, serviceAccountGroups("kube-system"));
        e.sourceIp = CONTROL_PLANE_IP;
        e.userAgent = "kube-controller-manager/" + K8S + "/system:serviceaccount:kube-system:" + name;
        return e;
    }

    /** A component that authenticates as itself: system:kube-scheduler, system:kube-controller-manager, system:apiserver. */
    static AuditEvent component(AuditEvent e, String user, String agent) {
        e.user(user, null, "system:apiserver".equals(user) ? MASTERS : List.of("system:authenticated"));
        e.sourceIp = "system:apiserver".equals(user) ? "::1" : CONTROL_PLANE_IP;
        e.userAgent = agent + "/" + K8S + ("system:apiserver".equals(user) ? "" : "/leader-election");
        return e;
    }

    /** AKS's own management identity (a member of system:masters, docs/formats.md). */
    static AuditEvent aksService(AuditEvent e) {
        e.user("aksService", null, MASTERS);
        e.sourceIp = "20.61.18.4";
        e.userAgent = "kubectl/v1.13.2 (linux/amd64) kubernetes/cff46ab";
        return e;
    }

    /** A service account's projected token used from its pod. */
    static AuditEvent serviceAccount(
            AuditEvent e, String namespace, String name, String pod, String agent, SplittableRandom random) {
        e.user(
                "system:serviceaccount:" + namespace + ":" + name,
                ClusterModel.uuid(random),
                serviceAccountGroups(namespace));
        e.podName = pod;
        e.podUid = ClusterModel.uuid(random);
        e.credentialId = "JTI=" + ClusterModel.uuid(random);
        e.sourceIp = "10.244." + random.nextInt(16) + "." + (2 + random.nextInt(250));
        e.userAgent = agent;
        return e;
    }

    static AuditEvent person(AuditEvent e, ClusterModel.Person p, SplittableRandom random) {
        e.user(p.username(), null, List.of(p.tenant().groupOid(), "system:authenticated"));
        e.oid = p.oid();
        e.sourceIp = "20.61." + (16 + random.nextInt(16)) + "." + (1 + random.nextInt(250));
        e.userAgent = random.nextInt(4) == 0 ? "kubectl/v1.30.4 (darwin/arm64) kubernetes/a51b3b7" : "kubectl/" + K8S;
        return e;
    }

    static List<String> serviceAccountGroups(String namespace) {
        return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    }
}
