package io.tenantwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    private static final String CLUSTER = "aks-prod-weu";

    @Test
    void aTenantNamespaceKeepsOneKeyForItsObjectAndEverythingInside() {
        assertThat(event("team-a", "pods", "web-0", "alice").partitionKey()).isEqualTo("aks-prod-weu/team-a");
        assertThat(event("team-a", "secrets", null, "alice").partitionKey()).isEqualTo("aks-prod-weu/team-a");
        // The Namespace object itself is keyed like the requests inside it: one task learns its tenancy.
        assertThat(event(null, "namespaces", "team-a", "ci").partitionKey()).isEqualTo("aks-prod-weu/team-a");
    }

    @Test
    void clusterScopedRequestsAreKeyedByTheirObjectOrByTheCallerWhenTheyNameNone() {
        assertThat(event(null, "nodes", "vmss000003", "system:node:vmss000003").partitionKey())
                .isEqualTo("aks-prod-weu//nodes/vmss000003");
        assertThat(event(null, "clusterroles", "view", "alice").partitionKey())
                .isEqualTo("aks-prod-weu//clusterroles/view");
        assertThat(event(null, "pods", null, "system:kube-scheduler").partitionKey())
                .isEqualTo("aks-prod-weu//pods/@system:kube-scheduler");
        // A Falco alert names neither an object nor a caller: it keeps the namespace's key.
        assertThat(event(null, null, null, null).partitionKey()).isEqualTo("aks-prod-weu/");
        assertThat(event("kube-system", null, null, null).partitionKey()).isEqualTo("aks-prod-weu/kube-system");
    }

    @Test
    void aDefaultPlatformNamespaceIsSpreadByObjectLikeClusterScopedRequests() {
        assertThat(event("kube-node-lease", "leases", "vmss000003", "system:node:vmss000003")
                        .partitionKey())
                .isEqualTo("aks-prod-weu/kube-node-lease/leases/vmss000003");
        assertThat(event("kube-system", "configmaps", null, "system:kube-controller-manager")
                        .partitionKey())
                .isEqualTo("aks-prod-weu/kube-system/configmaps/@system:kube-controller-manager");
    }

    @Test
    void copiesOfAnEventShareTheirKeySoDeduplicationMeetsThem() {
        NormalizedEvent first = event("kube-system", "leases", "kube-scheduler", "system:kube-scheduler");
        NormalizedEvent copy = event("kube-system", "leases", "kube-scheduler", "system:kube-scheduler");
        assertThat(copy.partitionKey()).isEqualTo(first.partitionKey());
    }

    private static NormalizedEvent event(String namespace, String resource, String name, String username) {
        Actor actor =
                username == null ? null : new Actor(username, null, null, null, null, null, null, null, null, null);
        return new NormalizedEvent(
                "id-1",
                NormalizedEvent.SOURCE_AUDIT,
                CLUSTER,
                null,
                Instant.parse("2026-12-07T09:00:00Z"),
                "id-1",
                "ResponseComplete",
                actor,
                "get",
                resource == null && namespace == null ? null : new ResourceRef(null, resource, null, namespace, name),
                "/",
                "allow",
                200,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
