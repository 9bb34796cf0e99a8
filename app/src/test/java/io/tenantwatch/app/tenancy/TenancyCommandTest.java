package io.tenantwatch.app.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.kubernetes.MockCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenantwatch tenancy} and {@code replay --kubeconfig} through the command line, against the
 * fabric8 API server in CRUD mode.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class TenancyCommandTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig;

    @BeforeEach
    void cluster() throws IOException {
        namespace("alpha", Map.of("tenantwatch.io/tenant", "alpha"));
        namespace("beta", Map.of("tenantwatch.io/tenant", "beta"));
        namespace("mixed", Map.of("tenantwatch.io/tenant", "alpha", "capsule.clastix.io/tenant", "beta"));
        namespace("orphan", Map.of());
        namespace("kube-system", Map.of());
        kubeconfig = MockCluster.kubeconfig(server, dir, "mock");
    }

    @Test
    void theTableShowsEachNamespacesTenantAndDecidingSourceUnmappedAndConflicts() {
        CommandRun run = CommandRun.of("tenancy", "--kubeconfig", kubeconfig.toString(), "--context", "mock=aks-prod");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines())
                .anySatisfy(l -> assertThat(l).matches("aks-prod/alpha\\s+alpha\\s+label:tenantwatch.io/tenant"))
                .anySatisfy(l -> assertThat(l).matches("aks-prod/kube-system\\s+_platform\\s+platform-default"))
                .anySatisfy(l -> assertThat(l).matches("aks-prod/orphan\\s+-\\s+unmapped"))
                .contains("unmapped: 1 (orphan)")
                .anySatisfy(l -> assertThat(l).startsWith("conflict: mixed: tenant labels disagree"));
    }

    @Test
    void jsonIsForScripts() throws IOException {
        CommandRun run = CommandRun.of("tenancy", "--kubeconfig", kubeconfig.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode cluster = Json.mapper().readTree(run.out()).get("clusters").get(0);
        assertThat(cluster.get("cluster").asText()).isEqualTo("default");
        assertThat(cluster.get("unmapped").toString()).isEqualTo("[\"orphan\"]");
        assertThat(cluster.get("namespaces").findValuesAsText("namespace"))
                .contains("alpha", "beta", "mixed", "orphan");
    }

    @Test
    void anUnreachableClusterIsOneLineAndExitTwo() {
        server.destroy();

        CommandRun run = CommandRun.of("tenancy", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("cluster default")
                .contains("cannot read namespaces");
    }

    @Test
    void aMissingKubeconfigIsNamed() {
        CommandRun run = CommandRun.of(
                "tenancy", "--kubeconfig", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("--kubeconfig")
                .contains("no such readable file");
    }

    @Test
    void replayAttributesWithTheClustersTenancy() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"8e3b7c1a-2f4d-4e6a-9b1c-0d2e3f4a5b6c","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/beta/secrets/db-credentials","verb":"get","user":{"username":"system:serviceaccount:alpha:deployer","uid":"4f0c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69","groups":["system:serviceaccounts","system:serviceaccounts:alpha","system:authenticated"]},"sourceIPs":["10.244.1.23"],"userAgent":"kubectl/v1.29.2","objectRef":{"resource":"secrets","namespace":"beta","name":"db-credentials","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2024-05-14T09:12:33.482913Z","stageTimestamp":"2024-05-14T09:12:33.491207Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by RoleBinding"}}
                """);

        CommandRun without = CommandRun.of("replay", "--format", "json", events.toString());
        CommandRun with =
                CommandRun.of("replay", "--format", "json", "--kubeconfig", kubeconfig.toString(), events.toString());

        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(without.out()).doesNotContain("cross-tenant-secret-access");
        assertThat(with.outLines()).anySatisfy(l -> assertThat(l)
                .contains("\"detector\":\"cross-tenant-secret-access\"")
                .contains("\"tenant\":\"beta\""));
    }

    private void namespace(String name, Map<String, String> labels) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .create();
    }
}
