package io.tenantwatch.ingest.aks;

import static io.tenantwatch.ingest.TestEvents.aksRecord;
import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.TestEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.testkit.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AksEnvelopeReaderTest {

    private static final String RESOURCE_ID =
            "/SUBSCRIPTIONS/BFC31CC5-D3BD-4B36-A40E-D13688D546EC/RESOURCEGROUPS/KUBEAUDITLOGTEST/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/KUBETEST";

    @Test
    void readsEveryRecordOfAnEventHubsBody() {
        CollectingSink sink = read(Corpus.bytes("aks-envelope/sysdiglabs_event.json"));
        assertThat(sink.events).hasSize(20).allSatisfy(e -> {
            assertThat(e.clusterResourceId()).isEqualTo(RESOURCE_ID);
            assertThat(e.cluster()).isEqualTo("default");
        });
        assertThat(sink.skips).extracting(CollectingSink.Outcome::reason).containsOnly(Reason.STAGE);
        // aksService is one of AKS's own identities; it arrives as a plain user.
        assertThat(sink.events).extracting(e -> e.actor().username()).contains("aksService", "nodeclient");
    }

    @Test
    void serviceModeNamesTheClusterAfterItsResourceId() {
        byte[] body = Corpus.bytes("aks-envelope/sysdiglabs_event.json");
        CollectingSink byLastSegment = new CollectingSink();
        new InputReader().read(body, SourceBinding.service("hub-default", Map.of()), byLastSegment);
        assertThat(byLastSegment.events).extracting(NormalizedEvent::cluster).containsOnly("kubetest");

        CollectingSink mapped = new CollectingSink();
        new InputReader()
                .read(
                        body,
                        SourceBinding.service("hub-default", Map.of(RESOURCE_ID.toLowerCase(), "prod-weu")),
                        mapped);
        assertThat(mapped.events).extracting(NormalizedEvent::cluster).containsOnly("prod-weu");
    }

    @Test
    void aCutLogIsTruncatedAndTheRestOfTheBodyStillReads() {
        ObjectNode body = (ObjectNode) TestEvents.parse(
                new String(Corpus.bytes("aks-envelope/sysdiglabs_event.json"), StandardCharsets.UTF_8));
        ArrayNode records = (ArrayNode) body.get("records");
        ObjectNode properties = (ObjectNode) records.get(2).get("properties");
        String log = properties.get("log").textValue();
        properties.put("log", log.substring(0, log.length() / 2)); // as AKS cuts logs at 16 KiB

        CollectingSink sink = read(body);

        assertThat(sink.calls()).isEqualTo(22);
        assertThat(sink.events).hasSize(19);
        CollectingSink.Outcome cut = sink.rejections.get(0);
        assertThat(cut.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(cut.detail()).startsWith("properties.log: ");
        // The dead-letter copy is that one record.
        assertThat(new String(cut.original(), StandardCharsets.UTF_8))
                .startsWith("{\"operationName\"")
                .contains("kube-audit")
                .doesNotContain("\"records\"");
    }

    @Test
    void otherCategoriesAreSkippedAndKlogUnderAnAuditCategoryIsNotAudit() {
        CollectingSink controllerManager =
                read(Corpus.bytes("aks-envelope/dynatrace_kube-controller-manager_record.json"));
        assertThat(controllerManager.onlySkip().reason()).isEqualTo(Reason.OTHER_CATEGORY);
        assertThat(controllerManager.onlySkip().detail()).contains("kube-controller-manager");

        CollectingSink klog = read(aksRecord("kube-audit", "I0109 21:24:54.123456       1 trace.go:116] Trace\n"));
        assertThat(klog.onlySkip().reason()).isEqualTo(Reason.NOT_AUDIT);
    }

    @Test
    void kubeAuditAdminIsAuditToo() {
        assertThat(read(aksRecord("kube-audit-admin", auditEvent() + "\n"))
                        .onlyEvent()
                        .auditId())
                .isEqualTo("a-1");
    }

    @Test
    void recordsWithoutCategoryOrLogAreMissingFields() {
        ObjectNode noLog = aksRecord("kube-audit", "x");
        ((ObjectNode) noLog.get("properties")).remove("log");
        ObjectNode body = TestEvents.MAPPER.createObjectNode();
        ObjectNode noCategory = aksRecord("kube-audit", auditEvent().toString());
        noCategory.remove("category");
        body.putArray("records").add(noLog).add(noCategory).add(3);
        CollectingSink sink = read(body);
        assertThat(sink.rejections)
                .extracting(CollectingSink.Outcome::reason)
                .containsExactly(Reason.MISSING_FIELD, Reason.MISSING_FIELD, Reason.BAD_FIELD_TYPE);
        assertThat(sink.rejections.get(0).detail()).contains("properties.log");
        assertThat(sink.rejections.get(1).detail()).contains("category");
    }

    @Test
    void aLogThatAForwarderExpandedIntoAnObjectIsReadToo() {
        ObjectNode record = aksRecord("kube-audit", "");
        ((ObjectNode) record.get("properties")).set("log", auditEvent());
        NormalizedEvent e = read(record).onlyEvent();
        assertThat(e.auditId()).isEqualTo("a-1");
        assertThat(e.clusterResourceId()).endsWith("PROD-AKS");
    }

    @Test
    void fieldOrderDoesNotMatter() {
        // properties before category and resourceId.
        String record = "{\"properties\":{\"log\":"
                + TestEvents.MAPPER.valueToTree(auditEvent().toString())
                + "},\"resourceId\":\"/x/MANAGEDCLUSTERS/LATE\",\"category\":\"kube-audit\"}";
        CollectingSink sink = new CollectingSink();
        new InputReader().read(record.getBytes(StandardCharsets.UTF_8), SourceBinding.service("d", Map.of()), sink);
        assertThat(sink.onlyEvent().cluster()).isEqualTo("late");
    }

    @Test
    void contentAfterTheEventInsideTheLogIsInvalid() {
        JsonNode record = aksRecord("kube-audit", auditEvent() + "{}");
        assertThat(read(record).onlyRejection().reason()).isEqualTo(Reason.INVALID_JSON);
    }
}
