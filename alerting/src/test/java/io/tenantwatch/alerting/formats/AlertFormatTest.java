package io.tenantwatch.alerting.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatTest {

    private final Alert alert = new Alert(
            1,
            AlertKeys.hash("id"),
            AlertKeys.hash("fp"),
            "pod-exec",
            Severity.CRITICAL,
            "Exec into a pod",
            "alice@contoso.com (admin) exec'd into kube-system/coredns-1",
            Instant.parse("2026-03-01T10:15:30Z"),
            null,
            null,
            "aks-prod",
            "_platform",
            List.of(),
            "kube-system",
            new Alert.AlertActor("alice@contoso.com", ActorType.USER, ActorClass.ADMIN, List.of(), null, null),
            "create",
            new Alert.AlertResource(null, "pods", "exec", "coredns-1"),
            "k8s-audit",
            new Alert.Evidence(List.of("a1"), 1, List.of(), null, null, null, null, List.of(), List.of()),
            new Alert.Mitre("Execution", "T1609"));

    @Test
    void textIsOneAlignedLineForAPersonNamingTheActorOnce() {
        assertThat(AlertFormat.TEXT.format(alert))
                .isEqualTo("2026-03-01T10:15:30.000Z critical pod-exec" + " ".repeat(20) + "_platform/kube-system"
                        + "  alice@contoso.com (admin) exec'd into kube-system/coredns-1");
    }

    @Test
    void textShowsControlCharactersInsteadOfObeyingThem() {
        Alert hostile = new Alert(
                1,
                AlertKeys.hash("id"),
                AlertKeys.hash("fp"),
                "pod-exec",
                Severity.CRITICAL,
                "Exec into a pod",
                "eve exec'd into pods/x: echo ok\r\n2026-03-01T10:15:31Z info none -/- nobody all clear\u001b]0;owned\u0007\u202egnp.exe",
                Instant.parse("2026-03-01T10:15:30Z"),
                null,
                null,
                "aks-prod",
                "alpha",
                List.of(),
                "alpha-prod",
                new Alert.AlertActor(
                        "eve\u001b[2J@contoso.com", ActorType.USER, ActorClass.UNATTRIBUTED, List.of(), null, null),
                "create",
                null,
                "k8s-audit",
                new Alert.Evidence(List.of("a1"), 1, List.of(), null, null, null, null, List.of(), List.of()),
                new Alert.Mitre("Execution", "T1609"));

        String line = AlertFormat.TEXT.format(hostile);

        assertThat(line).doesNotContainPattern("[\\x00-\\x1f\\x7f\\u202a-\\u202e]");
        assertThat(line)
                .contains(
                        "eve\\x1b[2J@contoso.com",
                        "echo ok\\r\\n2026-03-01T10:15:31Z",
                        "\\x1b]0;owned\\x07",
                        "\\u202egnp.exe");
        // This summary does not name the actor, so the line adds it once, escaped like the rest.
        assertThat(line).endsWith(" (actor eve\\x1b[2J@contoso.com)");
        assertThat(line.lines()).hasSize(1);
    }

    @Test
    void jsonIsTheContractOnOneLine() throws Exception {
        String line = AlertFormat.JSON.format(alert);
        assertThat(line).doesNotContain("\n");
        assertThat(ContractSchemas.ALERT.problemsOfJson(Json.mapper().readTree(line)))
                .isEmpty();
        assertThat(Json.readerFor(Alert.class).<Alert>readValue(line)).isEqualTo(alert);
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        assertThat(AlertFormat.fromName("text")).isEqualTo(AlertFormat.TEXT);
        assertThat(AlertFormat.fromName("JSON")).isEqualTo(AlertFormat.JSON);
    }
}
