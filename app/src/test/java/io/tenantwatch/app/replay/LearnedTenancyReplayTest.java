package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.events.NamespaceAuditEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} of an audit-only feed (no tenancy file, no cluster access) learns a namespace's
 * tenant from its own create event, as the service does (docs/tenancy.md, "Learning tenancy from
 * the audit stream"): the exec a second later is attributed to that tenant, not unmapped.
 */
class LearnedTenancyReplayTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00.112233Z");
    private static final String CREATE = NamespaceAuditEvents.created(
            "5b0c1e0a-8d43-4f0b-9a57-2f7c4d1e6a01",
            T0,
            "gamma-payments",
            "0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09",
            Map.of("tenantwatch.io/tenant", "beta"));
    private static final String EXEC = NamespaceAuditEvents.execInto(
            "7e2d9f14-3c5a-4b6e-8f01-9a2b3c4d5e6f",
            T0.plusSeconds(1),
            "gamma-payments",
            "api-0",
            "dev@contoso.com",
            List.of("system:authenticated"));

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
