package io.tenantwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records and the JSON Schema files describe the same contract. */
class ContractSchemasTest {

    private static final Instant T = Instant.parse("2026-03-01T10:15:30.123456Z");

    static Alert sampleAlert() {
        return new Alert(
                1,
                AlertKeys.hash("a"),
                AlertKeys.hash("b"),
                "cross-tenant-read",
                Severity.MEDIUM,
                "Cross-tenant read",
                "alice read configmaps in beta",
                T,
                null,
                null,
                "aks-prod",
                "beta",
                List.of("alpha"),
                "beta-prod",
                new Alert.AlertActor(
                        "alice@contoso.com", ActorType.USER, ActorClass.TENANT_MEMBER, List.of("g1"), null, null),
                "get",
                new Alert.AlertResource("", "configmaps", null, "settings"),
                "k8s-audit",
                new Alert.Evidence(
                        List.of("6f1c"),
                        1,
                        List.of("10.0.0.4"),
                        "kubectl/v1.30",
                        "/api/v1/namespaces/beta-prod/configmaps/settings",
                        null,
                        null,
                        List.of(),
                        List.of()),
                new Alert.Mitre("Discovery", "T1613 Container and Resource Discovery"));
    }

    static NormalizedEvent sampleEvent() {
        Facts facts = new Facts(
                new Facts.PodSpec(
                        List.of("nginx:1.27"),
                        List.of("nginx"),
                        List.of("/etc"),
                        true,
                        false,
                        false,
                        List.of("NET_ADMIN"),
                        "default",
                        "7998647bdf"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new Facts.OwnerRef("ReplicaSet", "web-7998647bdf", "apps/v1", true)));
        return new NormalizedEvent(
                "id-1",
                NormalizedEvent.SOURCE_AUDIT,
                "aks-prod",
                "/SUBSCRIPTIONS/X/MANAGEDCLUSTERS/AKS-PROD",
                T,
                "id-1",
                "ResponseComplete",
                new Actor(
                        "system:serviceaccount:kube-system:replicaset-controller",
                        "u1",
                        List.of("system:serviceaccounts"),
                        null,
                        ActorClass.PLATFORM,
                        ActorType.SERVICEACCOUNT,
                        "kube-system",
                        null,
                        null,
                        null),
                "create",
                new ResourceRef("", "pods", null, "alpha", "web-7998647bdf-x1"),
                "/api/v1/namespaces/alpha/pods",
                "allow",
                201,
                List.of("10.0.0.4"),
                "kube-controller-manager",
                Map.of("authorization.k8s.io/decision", "allow"),
                facts,
                null,
                "alpha",
                List.of(),
                "file");
    }

    @Test
    void aSerializedAlertIsValid() {
        assertThat(ContractSchemas.ALERT.problems(sampleAlert())).isEmpty();
    }

    @Test
    void everyAlertFieldIsPresentEvenWhenNull() {
        ObjectNode json = Json.mapper().valueToTree(sampleAlert());
        assertThat(json.has("firstSeen")).isTrue();
        assertThat(json.get("firstSeen").isNull()).isTrue();
        assertThat(json.get("actor").has("impersonatedBy")).isTrue();
        assertThat(json.get("time").asText()).isEqualTo("2026-03-01T10:15:30.123456Z");
    }

    @Test
    void anAlertMissingAFieldIsInvalid() {
        ObjectNode json = Json.mapper().valueToTree(sampleAlert());
        json.remove("fingerprint");
        json.put("severity", "urgent");
        assertThat(ContractSchemas.ALERT.problemsOfJson(json)).hasSize(2);
    }

    @Test
    void aSerializedNormalizedEventIsValidAndRoundTrips() throws Exception {
        NormalizedEvent event = sampleEvent();
        assertThat(ContractSchemas.NORMALIZED_EVENT.problems(event)).isEmpty();
        byte[] bytes = JsonSerde.normalizedEvent().serializer().serialize("t", event);
        assertThat(JsonSerde.normalizedEvent().deserializer().deserialize("t", bytes))
                .isEqualTo(event);
    }

    @Test
    void tenancyRecordsAreValid() {
        assertThat(ContractSchemas.TENANCY_RECORD.problems(new NamespaceTenancy(
                        "aks-prod", "alpha", "uid-1", "alpha", "label:tenantwatch.io/tenant", T, false)))
                .isEmpty();
        assertThat(ContractSchemas.TENANCY_RECORD.problems(new IdentityTenancy(
                        "aks-prod", IdentityTenancy.KIND_USER, "alice@contoso.com", List.of("alpha"), null, "file")))
                .isEmpty();
    }

    @Test
    void idsAreDeterministicAndFollowTheContract() {
        // hex SHA-256 of "a\u001Fb\u001F" (null as empty), first 32 characters
        assertThat(AlertKeys.hash("a", "b", null)).isEqualTo(AlertKeys.hash("a", "b", ""));
        assertThat(AlertKeys.hash("a", "b")).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(AlertKeys.hash("ab", "c")).isNotEqualTo(AlertKeys.hash("a", "bc"));
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(Glob.compile("alpha-*").matches("alpha-prod")).isTrue();
        assertThat(Glob.compile("alpha-*").matches("alpha")).isFalse();
        assertThat(Glob.compile("a?c").matches("abc")).isTrue();
        assertThat(Glob.compile("a?c").matches("abbc")).isFalse();
        assertThat(Glob.compile("*-prod").matches("beta-prod")).isTrue();
        assertThat(Glob.compile("alpha").isLiteral()).isTrue();
    }
}
