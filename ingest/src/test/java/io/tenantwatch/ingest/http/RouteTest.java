package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void aPathWithoutAClusterTakesTheDefault() {
        assertThat(Route.parse("/v1/audit", "dflt")).isEqualTo(new Route(Route.Endpoint.AUDIT, "dflt"));
        assertThat(Route.parse("/v1/falco/aks-prod", "dflt")).isEqualTo(new Route(Route.Endpoint.FALCO, "aks-prod"));
    }

    @Test
    void otherPathsAreNoRoute() {
        for (String path :
                new String[] {"/", "/v1", "/v1/", "/v1/audit/", "/v1/audit/a/b", "/v1/auditx", "/v2/audit", "/metrics"
                }) {
            assertThat(Route.parse(path, "dflt")).as(path).isNull();
        }
    }

    @Test
    void clusterNamesAreKafkaKeySafe() {
        assertThat(Route.parse("/v1/audit/bad%2Fname", "d").clusterValid()).isFalse();
        assertThat(Route.parse("/v1/audit/-lead", "d").clusterValid()).isFalse();
        assertThat(Route.parse("/v1/audit/aks_prod.eu-1", "d").clusterValid()).isTrue();
    }
}
