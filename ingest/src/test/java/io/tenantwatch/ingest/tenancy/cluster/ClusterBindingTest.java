package io.tenantwatch.ingest.tenancy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --context} values: a context bound to its cluster name, and every bad value named at once. */
class ClusterBindingTest {

    private static final Path KUBECONFIG = Path.of("kubeconfig");

    @Test
    void aContextIsBoundToItsOwnNameOrTheOneGiven() {
        assertThat(ClusterBinding.of(KUBECONFIG, List.of("aks-prod", "minikube=dev"), "default"))
                .containsExactly(
                        new ClusterBinding("aks-prod", KUBECONFIG, "aks-prod"),
                        new ClusterBinding("dev", KUBECONFIG, "minikube"));
        assertThat(ClusterBinding.of(KUBECONFIG, List.of(), "default"))
                .containsExactly(new ClusterBinding("default", KUBECONFIG, null));
    }

    @Test
    void everyBadValueIsAConfigurationProblemNamedAtOnce() {
        assertThatThrownBy(() -> ClusterBinding.of(KUBECONFIG, List.of("=prod", "ok", "kind-x=prod/eu"), "default"))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> assertThat(((ConfigException) e).problems())
                                .containsExactly(
                                        "--context =prod: expected NAME or NAME=CLUSTER",
                                        "--context kind-x=prod/eu: 'prod/eu' is not a cluster name (1 to 63 letters, digits, '.', '_' and '-',"
                                                + " starting with a letter or digit); bind the context to one with NAME=CLUSTER"));
    }
}
