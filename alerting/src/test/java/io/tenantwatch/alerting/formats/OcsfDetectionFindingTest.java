package io.tenantwatch.alerting.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.alerting.suppress.GroupUpdate;
import io.tenantwatch.alerting.suppress.SuppressionPolicy;
import io.tenantwatch.alerting.suppress.Suppressor;
import io.tenantwatch.alerting.testing.MutableClock;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCSF output checked against the OCSF 1.1.0 schema sources themselves ({@link OcsfSchema},
 * {@link OcsfConformance}), for alerts the detectors really write and for the grouped update of a
 * suppression window; and the checker shown to catch what strict conformance forbids.
 */
class OcsfDetectionFindingTest {

    private static OcsfSchema schema;
    private static OcsfConformance conformance;
    private static List<Alert> realistic;

    @BeforeAll
    static void loadSchemaAndAlerts() {
        schema = OcsfSchema.load();
        conformance = OcsfConformance.detectionFinding(schema);
        realistic = RealisticAlerts.all();
    }

    @Test
    void theCopiedSchemaIsOcsf110AndDetectionFindingIsClass2004() {
        assertThat(schema.version()).isEqualTo(OcsfDetectionFinding.OCSF_VERSION);
        OcsfSchema.Definition cls = schema.eventClass("findings/detection_finding");
        assertThat(cls.caption()).isEqualTo("Detection Finding");
        assertThat(cls.attributes().get("class_uid").enumCaptions()).containsOnlyKeys(2004L);
        assertThat(cls.attributes().get("activity_id").enumCaptions())
                .containsEntry(1L, "Create")
                .containsEntry(2L, "Update");
        // The merge of finding's enum over the dictionary's, as the compiler does it.
        assertThat(cls.attributes().get("status_id").enumCaptions()).containsEntry(1L, "New");
        assertThat(cls.attributes().get("actor").profile()).isEqualTo("host");
        assertThat(cls.attributes().get("attacks").profile()).isEqualTo("security_control");
        assertThat(cls.profiles()).contains("host", "cloud", "security_control", "datetime");
    }

    @Test
    void everyRealisticAlertIsAConformantDetectionFinding() {
        // The fixture covers what the output must handle, or this test proves little.
        assertThat(realistic.stream().map(Alert::detector).distinct().count()).isGreaterThanOrEqualTo(25);
        assertThat(realistic).anyMatch(a -> "falco".equals(a.source()));
        assertThat(realistic).anyMatch(a -> a.tenant() == null);
        assertThat(realistic).anyMatch(a -> a.tenant() != null);
        assertThat(realistic).anyMatch(a -> a.resource() == null && a.namespace() == null);
        assertThat(realistic).anyMatch(a -> a.firstSeen() != null);
        assertThat(realistic)
                .anyMatch(a -> a.mitre() != null
                        && a.mitre().technique() != null
                        && a.mitre().technique().contains("."));

        for (Alert alert : realistic) {
            for (Severity severity : Severity.values()) {
                String line = AlertFormat.OCSF.format(alert.withSeverity(severity));
                assertThat(line).doesNotContain("\n");
                JsonNode finding = read(line);
                assertThat(conformance.problems(finding))
                        .as("%s %s: %s", alert.detector(), severity, finding)
                        .isEmpty();
            }
        }
    }

    @Test
    void aFindingSaysWhatTheAlertSaysInOcsfTerms() {
        Alert secret = realistic("cross-tenant-secret-access");
        JsonNode f = ocsf(secret);

        assertThat(f.get("activity_id").asInt()).isEqualTo(1);
        assertThat(f.get("activity_name").asText()).isEqualTo("Create");
        assertThat(f.get("type_uid").asLong()).isEqualTo(200401);
        assertThat(f.get("type_name").asText()).isEqualTo("Detection Finding: Create");
        assertThat(f.get("severity_id").asInt()).isEqualTo(5);
        assertThat(f.get("severity").asText()).isEqualTo("Critical");
        assertThat(f.get("time").asLong()).isEqualTo(secret.time().toEpochMilli());
        assertThat(f.get("count").asInt()).isEqualTo(1);
        assertThat(f.at("/metadata/uid").asText()).isEqualTo(secret.id());
        assertThat(f.at("/metadata/tenant_uid").asText()).isEqualTo("beta");
        assertThat(Json.mapper().convertValue(f.at("/metadata/profiles"), List.class))
                .containsExactly("host");
        assertThat(f.at("/finding_info/uid").asText()).isEqualTo(secret.fingerprint());
        assertThat(f.at("/finding_info/analytic/uid").asText()).isEqualTo("cross-tenant-secret-access");
        assertThat(f.at("/finding_info/attacks/0/technique/uid").asText()).isEqualTo("T1552");
        assertThat(f.at("/finding_info/attacks/0/sub_technique/uid").asText()).isEqualTo("T1552.007");
        assertThat(f.at("/finding_info/attacks/0/sub_technique/name").asText()).isEqualTo("Container API");
        assertThat(f.at("/finding_info/related_events/0/uid").asText())
                .isEqualTo(secret.evidence().auditIds().get(0));
        assertThat(f.at("/actor/user/name").asText()).isEqualTo("system:serviceaccount:alpha-ci:deployer");
        assertThat(f.at("/actor/user/type").asText()).isEqualTo("System");
        assertThat(f.at("/resources/0/type").asText()).isEqualTo("secrets");
        assertThat(f.at("/resources/0/name").asText()).isEqualTo("db-credentials");
        assertThat(f.at("/resources/0/namespace").asText()).isEqualTo("beta-prod");
        assertThat(f.at("/unmapped/cluster").asText()).isEqualTo("aks-demo");
        // What OCSF 1.1 reserves for other meanings is not used.
        assertThat(f.has("attacks")).isFalse();
        assertThat(f.at("/resources/0").has("cloud_partition")).isFalse();
        assertThat(f.has("status_id")).isFalse();
    }

    @Test
    void aFalcoAlertNamesItsPodAndFalcoEventAndAnAlertWithoutTenantHasNoTenantUid() {
        Alert falco = realistic.stream()
                .filter(a -> "falco".equals(a.source()) && a.tenant() != null)
                .findFirst()
                .orElseThrow();
        JsonNode f = ocsf(falco);
        assertThat(f.at("/resources/0/type").asText()).isEqualTo("pods");
        assertThat(f.at("/resources/0/name").asText()).isEqualTo(falco.actor().podName());
        assertThat(f.at("/finding_info/related_events/0/uid").asText())
                .isEqualTo(falco.evidence().falcoUuid());
        assertThat(f.at("/actor/user/type_id").asInt()).isEqualTo(99);
        assertThat(f.at("/unmapped/source").asText()).isEqualTo("falco");

        Alert noTenant =
                realistic.stream().filter(a -> a.tenant() == null).findFirst().orElseThrow();
        assertThat(ocsf(noTenant).path("metadata").has("tenant_uid")).isFalse();
    }

    @Test
    void aGroupedRepeatUpdatesTheFindingTheFirstOccurrenceCreated() throws Exception {
        Alert original = realistic("cross-tenant-secret-access");
        Instant t0 = original.time();
        MutableClock clock = new MutableClock(t0);
        Suppressor<String> suppressor = new Suppressor<>(SuppressionPolicy.defaults(), clock);

        Alert first = RealisticAlerts.occurrence(original, t0, "audit-1");
        assertThat(suppressor.admit(first, "1")).isEqualTo(Suppressor.Admission.FIRST);
        clock.advance(Duration.ofMinutes(3));
        assertThat(suppressor.admit(RealisticAlerts.occurrence(original, t0.plusSeconds(180), "audit-2"), "2"))
                .isEqualTo(Suppressor.Admission.REPEAT);
        clock.advance(Duration.ofMinutes(4));
        assertThat(suppressor.admit(RealisticAlerts.occurrence(original, t0.plusSeconds(420), "audit-3"), "3"))
                .isEqualTo(Suppressor.Admission.REPEAT);
        clock.advance(Duration.ofMinutes(3));
        List<GroupUpdate<String>> due = suppressor.due();
        assertThat(due).hasSize(1);
        Alert update = due.get(0).update();

        JsonNode created = ocsf(first);
        JsonNode updated = ocsf(update);
        // A parked delivery is retried from the alert's JSON: it must still read as the update.
        JsonNode retried = ocsf(Json.readerFor(Alert.class)
                .readValue(Json.writerFor(Alert.class).writeValueAsString(update)));

        assertThat(conformance.problems(created)).isEmpty();
        assertThat(conformance.problems(updated)).isEmpty();
        assertThat(retried).isEqualTo(updated);
        assertThat(created.get("activity_id").asInt()).isEqualTo(1);
        assertThat(updated.get("activity_id").asInt()).isEqualTo(2);
        assertThat(updated.get("activity_name").asText()).isEqualTo("Update");
        assertThat(updated.get("type_uid").asLong()).isEqualTo(200402);
        assertThat(updated.get("type_name").asText()).isEqualTo("Detection Finding: Update");
        assertThat(updated.at("/finding_info/uid")).isEqualTo(created.at("/finding_info/uid"));
        assertThat(updated.at("/metadata/uid")).isNotEqualTo(created.at("/metadata/uid"));
        assertThat(updated.get("count").asInt()).isEqualTo(3);
        assertThat(updated.get("start_time").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(updated.get("end_time").asLong())
                .isEqualTo(t0.plusSeconds(420).toEpochMilli());
        assertThat(updated.at("/finding_info/first_seen_time").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(updated.at("/finding_info/last_seen_time").asLong())
                .isEqualTo(t0.plusSeconds(420).toEpochMilli());
        assertThat(updated.at("/finding_info/related_events").findValuesAsText("uid"))
                .containsExactly("audit-1", "audit-2", "audit-3");
    }

    @Test
    void everySeverityHasItsOcsfIdAndCaption() {
        Map<Severity, String> expected = Map.of(
                Severity.INFO, "1 Informational",
                Severity.LOW, "2 Low",
                Severity.MEDIUM, "3 Medium",
                Severity.HIGH, "4 High",
                Severity.CRITICAL, "5 Critical");
        Map<Long, String> schemaCaptions = schema.eventClass("findings/detection_finding")
                .attributes()
                .get("severity_id")
                .enumCaptions();
        for (Severity s : Severity.values()) {
            JsonNode f = ocsf(realistic.get(0).withSeverity(s));
            assertThat(f.get("severity_id").asInt() + " " + f.get("severity").asText())
                    .isEqualTo(expected.get(s));
            assertThat(schemaCaptions.get(f.get("severity_id").asLong()))
                    .isEqualTo(f.get("severity").asText());
        }
    }

    /** The checker is only worth its name if it refuses what strict OCSF refuses. */
    @Test
    void theCheckerRefusesWhatStrictOcsfRefuses() {
        JsonNode valid = ocsf(realistic("cross-tenant-secret-access"));
        assertThat(conformance.problems(valid)).isEmpty();

        assertRefused(
                valid,
                f -> ((ObjectNode) f.at("/resources/0")).put("cloud_partition", "aks-demo"),
                "resources[0].cloud_partition: attribute of profile 'cloud'");
        assertRefused(
                valid,
                f -> f.set("attacks", f.at("/finding_info/attacks")),
                "attacks: attribute of profile 'security_control'");
        assertRefused(
                valid, f -> ((ObjectNode) f.get("metadata")).remove("profiles"), "actor: attribute of profile 'host'");
        assertRefused(
                valid,
                f -> ((ObjectNode) f.get("metadata"))
                        .putArray("profiles")
                        .add("host")
                        .add("cloud"),
                "cloud: required by detection_finding");
        assertRefused(
                valid,
                f -> ((ObjectNode) f.get("metadata"))
                        .putArray("profiles")
                        .add("host")
                        .add("kubernetes"),
                "metadata.profiles: 'kubernetes' is not a profile");
        assertRefused(valid, f -> ((ObjectNode) f).put("cluster", "aks-demo"), "cluster: no such attribute");
        assertRefused(valid, f -> ((ObjectNode) f.at("/actor/user")).put("pod", "x"), "actor.user.pod: no such");
        assertRefused(valid, f -> ((ObjectNode) f).put("severity", "critical"), "severity: 'critical' is not");
        assertRefused(valid, f -> ((ObjectNode) f).put("activity_name", "Created"), "activity_name");
        assertRefused(valid, f -> ((ObjectNode) f).put("type_uid", 200403), "type_uid: 200403 is not class_uid");
        assertRefused(valid, f -> ((ObjectNode) f).put("type_uid", 200405), "type_uid: 200405 is not one of");
        assertRefused(valid, f -> ((ObjectNode) f).put("type_name", "Detection Finding: Update"), "type_name");
        assertRefused(valid, f -> ((ObjectNode) f).put("class_name", "Finding"), "class_name");
        assertRefused(valid, f -> ((ObjectNode) f).put("severity_id", 7), "severity_id: 7 is not one of");
        assertRefused(valid, f -> ((ObjectNode) f.get("finding_info")).remove("title"), "finding_info.title: required");
        assertRefused(
                valid,
                f -> ((ObjectNode) f.at("/metadata/product")).remove("vendor_name"),
                "metadata.product.vendor_name: required");
        assertRefused(valid, f -> ((ObjectNode) f.at("/resources/0")).remove("name"), "needs at least one of");
        assertRefused(valid, f -> ((ObjectNode) f).put("count", "3"), "count: \"3\" is not a integer_t");
        assertRefused(valid, f -> ((ObjectNode) f).put("time", "2026-11-20T09:00:11Z"), "time:");
        assertRefused(valid, f -> ((ObjectNode) f).putNull("message"), "message: null");
        assertRefused(
                valid,
                f -> ((ObjectNode) f.at("/actor/user")).put("type_id", 99).remove("type"),
                "actor.user.type: type_id is 99 Other");
        // Declaring security_control to use top-level attacks means giving what it requires.
        assertRefused(
                valid,
                f -> {
                    ((ObjectNode) f.get("metadata"))
                            .putArray("profiles")
                            .add("host")
                            .add("security_control");
                    f.set("attacks", f.at("/finding_info/attacks"));
                },
                "action_id: required by detection_finding");
    }

    private static void assertRefused(JsonNode valid, Consumer<ObjectNode> change, String expectedProblem) {
        ObjectNode changed = valid.deepCopy();
        change.accept(changed);
        assertThat(conformance.problems(changed)).anyMatch(p -> p.contains(expectedProblem));
    }

    private static JsonNode ocsf(Alert alert) {
        return read(AlertFormat.OCSF.format(alert));
    }

    private static JsonNode read(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Alert realistic(String detector) {
        return RealisticAlerts.of(detector);
    }
}
