package io.tenantwatch.ingest.aks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.TestEvents;
import io.tenantwatch.schemas.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster name of an AKS record comes from its resourceId, text the sender controls: it becomes
 * an alert field, a Kafka key and a metric label, so a resource id whose name is no cluster name is
 * rejected with a reason, in replay and in the service alike.
 */
class ClusterNamesFromResourceIdsTest {

    private static final String PREFIX =
            "/SUBSCRIPTIONS/S-1/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/";

    private static CollectingSink read(String resourceId, SourceBinding binding) {
        ObjectNode record =
                TestEvents.aksRecord("kube-audit", TestEvents.auditEvent().toString());
        record.put("resourceId", resourceId);
        CollectingSink sink = new CollectingSink();
        new InputReader().read(TestEvents.bytes(record), binding, sink);
        return sink;
    }

    @Test
    void anAksClusterIsNamedByTheLastSegmentLowerCased() {
        assertThat(read(PREFIX + "AKS-PROD_WEU", SourceBinding.service("default", Map.of()))
                        .onlyEvent()
                        .cluster())
                .isEqualTo("aks-prod_weu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKS\nPROD", "AKS\u0000PROD", "AKS\u001B[31mPROD", "AKS PROD", "-AKS", "AKS\u00E9"})
    void aNameWithControlCharactersSpacesOrOddLettersIsRejected(String name) {
        CollectingSink.Outcome rejected =
                read(PREFIX + name, SourceBinding.service("default", Map.of())).onlyRejection();
        assertThat(rejected.reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(rejected.detail()).contains("resourceId").doesNotContain(name);
    }

    @Test
    void aHugeResourceIdIsRejectedInReplayToo() {
        String huge = PREFIX + "A".repeat(5_000);
        assertThat(read(huge, SourceBinding.service("default", Map.of()))
                        .onlyRejection()
                        .reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read(huge, SourceBinding.fixed("replayed")).onlyRejection().reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read(PREFIX + "A".repeat(64), SourceBinding.service("default", Map.of()))
                        .onlyRejection()
                        .detail())
                .contains("names no valid cluster", "cluster-map");
    }

    @Test
    void aMappedNameMustBeAClusterNameToo() {
        assertThatThrownBy(() -> SourceBinding.service("default", Map.of(PREFIX + "X", "bad\nname")))
                .hasMessageContaining("invalid cluster name 'bad?name'");
        assertThat(read(
                                PREFIX + "A".repeat(64),
                                SourceBinding.service("default", Map.of(PREFIX + "A".repeat(64), "long-one")))
                        .onlyEvent()
                        .cluster())
                .isEqualTo("long-one");
    }
}
