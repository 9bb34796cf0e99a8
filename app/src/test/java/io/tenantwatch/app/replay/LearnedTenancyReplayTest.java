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

    /**
     * Replay runs in two stages on two threads: a binding must still be judged on the tenancy known
     * when it was made, not on a namespace created after it (as it would be, were the detectors on
     * the second stage, behind the attribution of later events).
     */
    @Test
    void aBindingIsJudgedOnTheTenancyKnownWhenItWasMade() throws IOException {
        String alphaCreated = namespaceOf("alpha-prod", "alpha", T0);
        String binding = NamespaceAuditEvents.roleBindingCreated(
                "2c4e6a80-1b3d-4f5a-9c7e-0d2f4b6a8c01",
                T0.plusMillis(100),
                "alpha-prod",
                "edit-for-friends",
                "edit",
                "beta-ci",
                "deployer");
        // Within a second, as one burst of the audit stream.
        String betaCreated = namespaceOf("beta-ci", "beta", T0.plusMillis(200));

        assertThat(replay(alphaCreated + "\n" + binding + "\n" + betaCreated + "\n"))
                .extracting(a -> a.get("detector").asText())
                .as("the subject's namespace was nobody's when the binding was made")
                .doesNotContain("cross-tenant-binding");
        assertThat(replay(alphaCreated + "\n" + betaCreated + "\n" + binding + "\n"))
                .extracting(a -> a.get("detector").asText())
                .as("once beta-ci is beta's, the same binding is another tenant's")
                .contains("cross-tenant-binding");
    }

    private static String namespaceOf(String name, String tenant, Instant at) {
        return NamespaceAuditEvents.created(
                java.util
                        .UUID
                        .nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                at,
                name,
                java.util
                        .UUID
                        .nameUUIDFromBytes((name + "/uid").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                Map.of("tenantwatch.io/tenant", tenant));
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
