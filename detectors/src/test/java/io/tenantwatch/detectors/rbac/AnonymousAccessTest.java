package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.RbacEvents.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnonymousAccessTest {

    private static final String ID = "anonymous-access";
    private static final String ALLOWED_TO_ANONYMOUS =
            "RBAC: allowed by ClusterRoleBinding \"anonymous-debug\" of ClusterRole "
                    + "\"cluster-admin\" to User \"system:anonymous\"";

    @Test
    void theCorpusAnonymousNamespaceCreateIsRaised() {
        // anonymous_creates_namespace_foo.json: its groups claim system:masters, the class is anonymous all the same
        NormalizedEvent event = RbacEvents.anonymousCreatesNamespaceFoo().build();
        Alert alert = Detect.single(ID, event);

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.ANONYMOUS);
        assertThat(alert.namespace()).isEqualTo("foo");
        assertThat(alert.tenant()).isNull();
        assertThat(alert.evidence().auditIds()).containsExactly("841d3e6d-90d2-43df-8da4-684738bee3d5");
        assertThat(alert.summary())
                .isEqualTo("system:anonymous (anonymous) created namespaces/foo in namespace foo (no tenant)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "unauthenticated: the API server accepted a request without "
                                + "credentials, and RBAC allowed it; look for bindings to system:anonymous or system:unauthenticated");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Initial Access", "T1078.001 Default Accounts"));
        assertThat(Detect.detectorsRaising(GroupD.IDS, event)).containsExactly(ID);
    }

    @Test
    void anAnonymousSecretReadNamesTheBindingThatAllowedIt() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ANONYMOUS)
                        .list("secrets", "alpha-prod")
                        .reason(ALLOWED_TO_ANONYMOUS)
                        .userAgent("curl/8.5.0")
                        .build());

        assertThat(alert.summary())
                .isEqualTo("system:anonymous (anonymous) listed secrets in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details()).contains("authorization: " + ALLOWED_TO_ANONYMOUS);
        assertThat(alert.evidence().userAgent()).isEqualTo("curl/8.5.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/metrics",
                "/api",
                "/apis",
                "/openapi/v2",
                "/healthzz",
                "/versions",
                "/logs/kube-apiserver.log",
                "/debug/pprof/profile?seconds=30"
            })
    void otherNonResourceUrlsAreRaised(String uri) {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(ANONYMOUS)
                        .nonResource("get", uri)
                        .reason(ALLOWED_TO_ANONYMOUS)
                        .build());

        assertThat(alert.resource()).isNull();
        assertThat(alert.namespace()).isNull();
        assertThat(alert.summary())
                .isEqualTo("system:anonymous (anonymous) requested GET " + uri.replaceFirst("\\?.*", ""));
        assertThat(alert.evidence().requestURI()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/healthz",
                "/livez",
                "/readyz",
                "/version",
                "/version/",
                "/readyz/ping",
                "/healthz/etcd",
                "/livez/poststarthook/rbac/bootstrap-roles",
                "/livez?verbose",
                "/readyz?exclude=etcd&verbose",
                "/healthz?timeout=32s"
            })
    void healthAndVersionEndpointsAreQuiet(String uri) {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ANONYMOUS)
                                .nonResource("get", uri)
                                .reason(
                                        "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole "
                                                + "\"system:public-info-viewer\" to Group \"system:unauthenticated\"")
                                .build()))
                .isEmpty();
    }

    @Test
    void deniedAnonymousRequestsAreTheSafeDefaultAndQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ANONYMOUS)
                                .list("secrets", "alpha-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ANONYMOUS)
                                .nonResource("get", "/metrics")
                                .code(401)
                                .build()))
                .isEmpty();
    }

    @Test
    void authenticatedIdentitiesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.by(ALICE).nonResource("get", "/metrics").build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, RbacEvents.by(ALICE).list("secrets", "alpha-prod").build()))
                .isEmpty();
    }
}
