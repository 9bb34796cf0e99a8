package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.testing.ControlPlaneEvents.FLUX_KUSTOMIZE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigmapCredentialsTest {

    private static final String ID = "configmap-credentials";

    @Test
    void everyCorpusConfigMapWithAnAwsKeyIsRaisedNamingTheKeyOnly() {
        // create_configmap_sensitive_values.json (Falco: Create/Modify Configmap With Private Credentials)
        List<NormalizedEvent> events = ControlPlaneEvents.sensitiveConfigMapsCorpus();
        assertThat(events).hasSize(6);

        List<Alert> alerts = events.stream().map(e -> Detect.single(ID, e)).toList();

        Alert first = alerts.get(0);
        assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(first.summary())
                .isEqualTo("minikube-user (admin) created configmaps/my-config in namespace default "
                        + "(no tenant) with a credential-looking key: access.properties");
        assertThat(first.evidence().keys()).containsExactly("access.properties");
        assertThat(first.evidence().details())
                .containsExactly("credential-looking keys: 1 of 2 (key name or value matched; values are not kept)");
        assertThat(first.mitre()).isEqualTo(new Alert.Mitre("Credential Access", "T1552 Unsecured Credentials"));
        assertThat(alerts).extracting(a -> a.evidence().auditIds().get(0)).doesNotHaveDuplicates();
        // one finding (same actor and ConfigMap) written six times
        assertThat(alerts).extracting(Alert::fingerprint).containsOnly(first.fingerprint());
        for (Alert alert : alerts) {
            String json = new String(JsonSerde.alert().serializer().serialize("t", alert), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("MY-KEY", "MY-ID", "aws_secret_access_key");
        }
    }

    @Test
    void theCorpusConfigMapWithoutCredentialsIsQuiet() {
        // create_configmap_no_sensitive_values.json: Falco's negative case
        assertThat(Detect.raisedBy(ID, ControlPlaneEvents.plainConfigMapCorpus()))
                .isEmpty();
    }

    @Test
    void aTenantsOwnSettingsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("configmaps", "alpha-prod", "web-settings")
                                .configMap(List.of("log-level", "feature-flags.json", "LISTEN_PORT"), List.of())
                                .build()))
                .isEmpty();
        assertThat(Detect.detectorsRaising(ControlPlaneEvents.by(ALPHA_DEPLOYER)
                        .update("configmaps", "alpha-prod", "web-settings")
                        .configMap(List.of("log-level"), List.of())
                        .build()))
                .isEmpty();
    }

    @Test
    void aTenantsConfigMapWithSeveralCredentialKeysNamesThemAll() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(ALPHA_DEPLOYER)
                        .update("configmaps", "alpha-prod", "web-settings")
                        .configMap(
                                List.of("log-level", "DB_PASSWORD", "storage", "tls.key"),
                                List.of("DB_PASSWORD", "storage", "tls.key"))
                        .build());

        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:alpha:deployer (tenant alpha) updated configmaps/web-settings "
                                + "in namespace alpha-prod of tenant alpha with credential-looking keys: DB_PASSWORD, storage, tls.key");
        assertThat(alert.evidence().keys()).containsExactly("DB_PASSWORD", "storage", "tls.key");
        assertThat(alert.evidence().details())
                .contains("credential-looking keys: 3 of 4 (key name or value matched; values are not kept)");
    }

    @Test
    void platformWritersFailuresDeletesAndBodilessEventsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(FLUX_KUSTOMIZE)
                                .patch("configmaps", "monitoring", "grafana-datasources")
                                .configMap(List.of("datasources.yaml"), List.of("datasources.yaml"))
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("configmaps", "alpha-prod", "db")
                                .configMap(List.of("password"), List.of("password"))
                                .code(409)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("configmaps", "beta-prod", "db")
                                .configMap(List.of("password"), List.of("password"))
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .delete("configmaps", "alpha-prod", "db")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("configmaps", "alpha-prod", "db")
                                .build()))
                .isEmpty();
    }
}
