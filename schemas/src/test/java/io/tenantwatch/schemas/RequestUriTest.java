package io.tenantwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request URI's path and query parameters, as detectors read them. */
class RequestUriTest {

    @Test
    void aParameterIsItsFirstValueDecoded() {
        assertThat(RequestUri.of("/api/v1/secrets?labelSelector=owner%3Dhelm").param("labelSelector"))
                .isEqualTo("owner=helm");
        assertThat(RequestUri.of("/api/v1/secrets?labelSelector=a%3Db&labelSelector=owner%3Dhelm")
                        .param("labelSelector"))
                .isEqualTo("a=b");
        assertThat(RequestUri.of("/api/v1/secrets?limit=500&fieldSelector=type%3Dkubernetes.io%2Ftls")
                        .param("fieldSelector"))
                .isEqualTo("type=kubernetes.io/tls");
        assertThat(RequestUri.of("/api/v1/secrets?labelSelector=").param("labelSelector"))
                .isEmpty();
    }

    @Test
    void onlyTheWholeNameFollowedByAnEqualsSignMatches() {
        assertThat(RequestUri.of("/api/v1/secrets?xlabelSelector=owner%3Dhelm").param("labelSelector"))
                .isNull();
        assertThat(RequestUri.of("/api/v1/secrets?labelSelectorX=1").param("labelSelector"))
                .isNull();
        assertThat(RequestUri.of("/api/v1/secrets?labelSelector&limit=1").param("labelSelector"))
                .isNull();
        assertThat(RequestUri.of("/api/v1/secrets?a=1&&labelSelector=b&").param("labelSelector"))
                .isEqualTo("b");
    }

    @Test
    void noQueryNoUriNoParameters() {
        assertThat(RequestUri.of("/api/v1/secrets").param("labelSelector")).isNull();
        assertThat(RequestUri.of("/api/v1/secrets?").params("labelSelector")).isEmpty();
        assertThat(RequestUri.of(null).param("labelSelector")).isNull();
        assertThat(RequestUri.of(null).params("command")).isEmpty();
        assertThat(RequestUri.of(null).path()).isNull();
    }

    @Test
    void everyValueOfARepeatedParameterInOrder() {
        RequestUri exec = RequestUri.of("/api/v1/namespaces/a/pods/p/exec?container=web&command=sh&command=-c"
                + "&command=cat+%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&stdout=true");

        assertThat(exec.params("command"))
                .containsExactly("sh", "-c", "cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(exec.param("command")).isEqualTo("sh");
        assertThat(exec.params("container")).containsExactly("web");
        assertThat(exec.params("stdin")).isEmpty();
    }

    @Test
    void aValueWithAMalformedEscapeIsKeptAsSent() {
        assertThat(RequestUri.of("/api/v1/secrets?labelSelector=%ZZ").param("labelSelector"))
                .isEqualTo("%ZZ");
        assertThat(RequestUri.of("/x?command=cat&command=100%zz").params("command"))
                .containsExactly("cat", "100%zz");
        assertThat(RequestUri.of("/x?a=50%25+off%").param("a")).isEqualTo("50%25+off%");
    }

    @Test
    void thePathIsWhatPrecedesTheQuery() {
        assertThat(RequestUri.of("/api/v1/namespaces/a/pods?limit=500").path()).isEqualTo("/api/v1/namespaces/a/pods");
        assertThat(RequestUri.of("/healthz").path()).isEqualTo("/healthz");
        assertThat(RequestUri.pathOf("/metrics?x=1")).isEqualTo("/metrics");
        assertThat(RequestUri.pathOf(null)).isNull();
        assertThat(RequestUri.queryStart("/metrics?x=1")).isEqualTo(8);
        assertThat(RequestUri.queryStart("/metrics")).isEqualTo(-1);
        assertThat(RequestUri.queryStart(null)).isEqualTo(-1);
    }
}
