package io.tenantwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceBindingTest {

    private static final String ID =
            "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-WEU";

    @Test
    void fixedModeGivesEveryEventTheBoundName() {
        SourceBinding b = SourceBinding.fixed("default");
        assertThat(b.clusterFor(ID)).isEqualTo("default");
        assertThat(b.clusterFor(null)).isEqualTo("default");
    }

    @Test
    void serviceModeMapsResourceIdsCaseInsensitivelyElseTakesTheLastSegment() {
        SourceBinding b = SourceBinding.service("hub-a", Map.of(ID.toLowerCase() + "/", "weu-prod"));
        assertThat(b.clusterFor(ID)).isEqualTo("weu-prod");
        assertThat(
                        b.clusterFor(
                                "/subscriptions/s/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/OTHER"))
                .isEqualTo("other");
        assertThat(b.clusterFor(null)).isEqualTo("hub-a");
        assertThat(b.clusterFor("  ")).isEqualTo("hub-a");
    }

    @Test
    void needsAName() {
        assertThatThrownBy(() -> SourceBinding.fixed(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
