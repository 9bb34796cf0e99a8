package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.ControlPlaneEvents.FLUX_KUSTOMIZE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterWideSecretListTest {

    private static final String ID = "cluster-wide-secret-list";
    private static final String GRANT = "RBAC: allowed by ClusterRoleBinding \"deployer-secrets\" of ClusterRole "
            + "\"secret-reader\" to ServiceAccount \"deployer/alpha\"";

    @Test
    void dumpingAllSecretsWithAStolenTenantTokenIsCritical() {
        // Stratus Red Team k8s.credential-access.dump-secrets: GET /api/v1/secrets?limit=500
        NormalizedEvent event =
                ControlPlaneEvents.dumpAllSecrets(ALPHA_DEPLOYER).reason(GRANT).build();

        Alert alert = Detect.single(ID, event);

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isNull();
        assertThat(alert.actor().actorClass()).isEqualTo(ActorClass.TENANT_MEMBER);
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) listed secrets across all namespaces");
        assertThat(alert.evidence().details()).containsExactly("actor tenants: alpha", "authorization: " + GRANT);
        assertThat(alert.evidence().requestURI()).isEqualTo("/api/v1/secrets?limit=500");
        assertThat(alert.resource()).isEqualTo(new Alert.AlertResource(null, "secrets", null, null));
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Credential Access", "T1552.007 Container API"));
        // no namespace: no cross-tenant detector has a tenant to compare
        assertThat(Detect.detectorsRaising(event)).containsExactly(ID);
    }

    @Test
    void helmsOwnReleaseQueryIsQuietByDefault() {
        NormalizedEvent helmList =
                ControlPlaneEvents.helmListAllNamespaces(ALICE).build();

        assertThat(Detect.raisedBy(ID, helmList)).isEmpty();
        Alert raised = Detect.single(new ClusterWideSecretList(false), helmList);
        assertThat(raised.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) listed secrets across all namespaces "
                        + "(labelSelector owner=helm)");
        assertThat(raised.evidence().details()).contains("labelSelector: owner=helm");
    }

    @Test
    void operatorsCanTurnTheHelmExceptionOffThroughTheParameter() {
        DetectorDefinition definition = ClusterWideSecretList.DEFINITION;
        NormalizedEvent helmList =
                ControlPlaneEvents.helmListAllNamespaces(ALICE).build();

        assertThat(definition.param("ignoreHelmReleaseQuery").defaultValue()).isEqualTo(true);
        assertThat(Detect.with(definition.withDefaults(), helmList)).isEmpty();
        assertThat(Detect.with(
                        definition.factory().apply(new Params(Map.of("ignoreHelmReleaseQuery", false))), helmList))
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "labelSelector=owner%3Dhelm",
                "labelSelector=owner=helm",
                "limit=500&labelSelector=owner%3D%3Dhelm",
                "labelSelector=owner%3Dhelm%2Cstatus%3Ddeployed",
                "labelSelector=name%3Dweb%2C+owner+%3D+helm"
            })
    void everySpellingOfTheHelmSelectorIsRecognized(String query) {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .list("secrets", null)
                                .query(query)
                                .build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "labelSelector=owner%21%3Dhelm",
                "labelSelector=owner%3Dhelmfile",
                "labelSelector=app%3Dweb&x=owner%3Dhelm",
                "labelSelector=app%3Dweb&labelSelector=owner%3Dhelm",
                "labelSelector=&limit=500",
                "limit=500&owner=helm"
            })
    void lookalikesOfTheHelmSelectorAreRaised(String query) {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .list("secrets", null)
                                .query(query)
                                .build()))
                .hasSize(1);
    }

    @Test
    void watchingAllSecretsIsRaisedWithItsSelectors() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .watch("secrets", null)
                        .query("fieldSelector=type%3Dkubernetes.io%2Fservice-account-token&watch=true")
                        .build());

        assertThat(alert.summary()).isEqualTo("dave@fabrikam.com (unattributed) watched secrets across all namespaces");
        assertThat(alert.evidence().details()).contains("fieldSelector: type=kubernetes.io/service-account-token");
    }

    @Test
    void theLocalAdminAccountIsRaised() {
        assertThat(Detect.raisedBy(
                        ID, ControlPlaneEvents.dumpAllSecrets(MASTERCLIENT).build()))
                .hasSize(1);
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID, ControlPlaneEvents.dumpAllSecrets(FLUX_KUSTOMIZE).build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(PROMETHEUS).watch("secrets", null).build()))
                .isEmpty();
    }

    @Test
    void namespacedListsGetsAndRefusalsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .list("secrets", "alpha-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .get("secrets", "alpha-prod", "db")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, ControlPlaneEvents.dumpAllSecrets(ALICE).forbidden().build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID, ControlPlaneEvents.dumpAllSecrets(ALICE).code(500).build()))
                .isEmpty();
    }

    @Test
    void onlyAnOwnerHelmRequirementIsHelmsReleaseQuery() {
        // how the selector is read from the request URI: RequestUriTest (schemas)
        assertThat(ClusterWideSecretList.isHelmReleaseQuery(null)).isFalse();
        assertThat(ClusterWideSecretList.isHelmReleaseQuery("owner in (helm)")).isFalse();
    }
}
