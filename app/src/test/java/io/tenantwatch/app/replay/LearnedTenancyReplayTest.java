package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} of an audit-only feed (no tenancy file, no cluster access) learns a namespace's
 * tenant from its own create event, as the service does (docs/tenancy.md, "Learning tenancy from
 * the audit stream"): the exec a second later is attributed to that tenant, not unmapped.
 */
class LearnedTenancyReplayTest {

    /** kubectl create namespace, as AKS logs it under the shipped policy (RequestResponse). */
    private static final String CREATE = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"5b0c1e0a-8d43-4f0b-9a57-2f7c4d1e6a01","stage":"ResponseComplete","requestURI":"/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict","verb":"create","user":{"username":"svc-platform-gitops@contoso.com","groups":["system:authenticated"]},"sourceIPs":["10.224.0.5"],"userAgent":"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819","objectRef":{"resource":"namespaces","name":"gamma-payments","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"gamma-payments","labels":{"tenantwatch.io/tenant":"beta"}},"spec":{},"status":{}},"responseObject":{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"gamma-payments","uid":"0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09","resourceVersion":"4839301","creationTimestamp":"2026-12-07T10:00:00Z","labels":{"kubernetes.io/metadata.name":"gamma-payments","tenantwatch.io/tenant":"beta"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}},"requestReceivedTimestamp":"2026-12-07T10:00:00.112233Z","stageTimestamp":"2026-12-07T10:00:00.131415Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}""";

    private static final String EXEC = """
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"7e2d9f14-3c5a-4b6e-8f01-9a2b3c4d5e6f","stage":"ResponseStarted","requestURI":"/api/v1/namespaces/gamma-payments/pods/api-0/exec?command=sh&container=api&stdin=true&stdout=true&tty=true","verb":"create","user":{"username":"dev@contoso.com","groups":["system:authenticated"]},"sourceIPs":["10.224.0.9"],"userAgent":"kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819","objectRef":{"resource":"pods","namespace":"gamma-payments","name":"api-0","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":101},"requestReceivedTimestamp":"2026-12-07T10:00:01.000000Z","stageTimestamp":"2026-12-07T10:00:01.020000Z","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}""";

    @TempDir
    Path tmp;

    @Test
    void aNamespaceCreatedWithATenantLabelAndUsedASecondLaterBelongsToThatTenant() throws IOException {
        List<JsonNode> alerts = replay(CREATE + "\n" + EXEC + "\n");

        assertThat(alerts)
                .extracting(a -> a.get("detector").asText())
                .contains("pod-exec")
                .doesNotContain("unmapped-namespace");
        assertThat(alerts)
                .filteredOn(a -> a.get("detector").asText().equals("pod-exec"))
                .singleElement()
                .satisfies(a -> assertThat(a.get("tenant").asText()).isEqualTo("beta"));
    }

    @Test
    void withoutItsCreateTheSameExecIsInANamespaceNobodyMaps() throws IOException {
        assertThat(replay(EXEC + "\n"))
                .extracting(a -> a.get("detector").asText())
                .contains("pod-exec", "unmapped-namespace");
    }

    private List<JsonNode> replay(String jsonl) throws IOException {
        Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, jsonl);
        CommandRun run = CommandRun.of("replay", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : run.outLines()) {
            alerts.add(Json.mapper().readTree(line));
        }
        return alerts;
    }
}
