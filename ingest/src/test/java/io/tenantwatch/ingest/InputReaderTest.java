package io.tenantwatch.ingest;

import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.falcoAlert;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Format detection, containers, and every fault of docs/formats.md answered with one outcome per record. */
class InputReaderTest {

    @Test
    void detectsEachFormat() {
        assertThat(read(auditEvent()).onlyEvent().source()).isEqualTo(NormalizedEvent.SOURCE_AUDIT);
        assertThat(read(falcoAlert()).onlyEvent().source()).isEqualTo(NormalizedEvent.SOURCE_FALCO);
        assertThat(read(TestEvents.aksRecord("kube-audit", auditEvent().toString()))
                        .onlyEvent()
                        .clusterResourceId())
                .endsWith("MANAGEDCLUSTERS/PROD-AKS");
    }

    @Test
    void acceptsAByteOrderMark() {
        byte[] event = TestEvents.bytes(auditEvent());
        byte[] withBom = new byte[event.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(event, 0, withBom, 3, event.length);
        assertThat(read(withBom).onlyEvent().auditId()).isEqualTo("a-1");
    }

    @Test
    void readsASliceOfABuffer() {
        byte[] event = TestEvents.bytes(auditEvent());
        byte[] buffer = new byte[event.length + 20];
        Arrays.fill(buffer, (byte) '#');
        System.arraycopy(event, 0, buffer, 10, event.length);
        CollectingSink sink = new CollectingSink();
        new InputReader().read(buffer, 10, event.length, SourceBinding.fixed("c"), sink);
        assertThat(sink.onlyEvent().cluster()).isEqualTo("c");
    }

    @Test
    void eventListYieldsOneOutcomePerItemAndRejectsOnlyTheBadItem() {
        ObjectNode list =
                TestEvents.MAPPER.createObjectNode().put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
        ArrayNode items = list.putArray("items");
        ObjectNode good = auditEvent();
        good.remove("kind"); // the webhook's EventList items carry no kind
        items.add(good);
        items.add(auditEvent().put("auditID", "a-2").put("stage", "RequestReceived"));
        ObjectNode noUser = auditEvent().put("auditID", "a-3");
        noUser.remove("user");
        items.add(noUser);
        items.add(auditEvent().put("auditID", "a-4").put("verb", 7));
        items.add("not an event");
        items.add(auditEvent().put("auditID", "a-5"));

        CollectingSink sink = read(list);

        assertThat(sink.calls()).isEqualTo(6);
        assertThat(sink.events).extracting(NormalizedEvent::auditId).containsExactly("a-1", "a-5");
        assertThat(sink.skips).extracting(CollectingSink.Outcome::reason).containsExactly(Reason.STAGE);
        assertThat(sink.rejections)
                .extracting(CollectingSink.Outcome::reason)
                .containsExactly(Reason.MISSING_FIELD, Reason.BAD_FIELD_TYPE, Reason.BAD_FIELD_TYPE);
        // The dead-letter copy is the bad item, not the whole list.
        String original = new String(sink.rejections.get(0).original(), StandardCharsets.UTF_8);
        assertThat(original).contains("\"a-3\"").doesNotContain("a-1", "a-5", "EventList");
        assertThat(sink.rejections.get(1).detail()).contains("verb");
    }

    @Test
    void itemsMakeAnEventListOnlyWhenNoOtherKindWasSaid() {
        ObjectNode podList = TestEvents.MAPPER.createObjectNode().put("kind", "PodList");
        podList.putArray("items").add(auditEvent());
        assertThat(read(podList).onlyRejection().reason()).isEqualTo(Reason.UNRECOGNIZED_FORMAT);
    }

    @Test
    void readsArraysAndJsonLinesOfMixedRecords() {
        ArrayNode array = TestEvents.MAPPER
                .createArrayNode()
                .add(falcoAlert())
                .add(auditEvent())
                .add(falcoAlert().put("uuid", "u-2"));
        assertThat(read(array).events).hasSize(3);
        String lines = auditEvent() + "\n" + falcoAlert() + "\n" + auditEvent().put("auditID", "a-9");
        assertThat(read(lines).events)
                .extracting(NormalizedEvent::source)
                .containsExactly("k8s-audit", "falco", "k8s-audit");
    }

    @Test
    void rejectsKindOfTheWrongType() {
        CollectingSink.Outcome r = read("{\"kind\": 0}").onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(r.detail()).contains("kind");
    }

    @Test
    void rejectsWrongTypesOfUsedFields() {
        assertThat(read(auditEvent().put("verb", 3)).onlyRejection().reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
        ObjectNode badUser = auditEvent();
        badUser.putObject("user").put("username", 42);
        CollectingSink.Outcome r = read(badUser).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(r.detail()).contains("user.username");
        ObjectNode badCode = auditEvent();
        badCode.putObject("responseStatus").put("code", "200");
        assertThat(read(badCode).onlyRejection().detail()).contains("responseStatus.code");
        assertThat(read(auditEvent().put("sourceIPs", "10.0.0.1"))
                        .onlyRejection()
                        .reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read(auditEvent().put("stageTimestamp", "yesterday"))
                        .onlyRejection()
                        .reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read("{\"records\": 5}").onlyRejection().reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
    }

    @Test
    void namesEveryMissingField() {
        ObjectNode e = auditEvent();
        e.remove("auditID");
        e.remove("verb");
        CollectingSink.Outcome r = read(e).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(r.detail()).contains("auditID", "verb").doesNotContain("stage");
    }

    @Test
    void rejectsValidJsonOfNoKnownKind() {
        assertThat(read("{\"hello\":\"world\"}").onlyRejection().reason()).isEqualTo(Reason.UNRECOGNIZED_FORMAT);
        assertThat(read("42").onlyRejection().reason()).isEqualTo(Reason.UNRECOGNIZED_FORMAT);
        assertThat(read("[[1]]").onlyRejection().reason()).isEqualTo(Reason.UNRECOGNIZED_FORMAT);
        // A core/v1 Event object is an Event, but not an audit one.
        assertThat(read("{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"reason\":\"Pulled\"}")
                        .onlyRejection()
                        .reason())
                .isEqualTo(Reason.UNRECOGNIZED_FORMAT);
    }

    @Test
    void rejectsInvalidAndTruncatedJson() {
        assertThat(read("{\"kind\":\"Event\",}").onlyRejection().reason()).isEqualTo(Reason.INVALID_JSON);
        assertThat(read("I0109 21:24:54.123 klog text").onlyRejection().reason())
                .isEqualTo(Reason.INVALID_JSON);
        String event = auditEvent().toString();
        CollectingSink.Outcome cut =
                read(event.substring(0, event.length() / 2)).onlyRejection();
        assertThat(cut.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(cut.detail()).contains("line 1");
        assertThat(read("").onlyRejection().reason()).isEqualTo(Reason.INVALID_JSON);
        // What follows a good record on the same input is a record of its own.
        CollectingSink trailing = read(auditEvent() + " }");
        assertThat(trailing.events).hasSize(1);
        assertThat(trailing.rejections)
                .extracting(CollectingSink.Outcome::reason)
                .containsExactly(Reason.INVALID_JSON);
    }

    @Test
    void detailsNeverQuoteTheInput() {
        CollectingSink.Outcome r = read("{\"auditID\": s3cr3t-t0ken}").onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.INVALID_JSON);
        assertThat(r.detail()).doesNotContain("s3cr3t");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = TestEvents.bytes(auditEvent().put("userAgent", "kubectl é"));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == (byte) 0xC3) {
                bytes[i] = (byte) 0xFF;
            }
        }
        assertThat(read(bytes).onlyRejection().reason()).isEqualTo(Reason.INVALID_UTF8);
    }

    @Test
    void rejectsDeepNestingFastWithoutOverflowingTheStack() {
        String deep = "[".repeat(200_000);
        assertThatCode(() -> {
                    CollectingSink.Outcome r = read(deep).onlyRejection();
                    assertThat(r.reason()).isEqualTo(Reason.TOO_DEEP);
                })
                .doesNotThrowAnyException();
        String deepObject = "{\"kind\":\"Event\",\"requestObject\":" + "{\"a\":".repeat(200_000);
        assertThat(read(deepObject).onlyRejection().reason()).isEqualTo(Reason.TOO_DEEP);
        // 64 levels are fine.
        ObjectNode e = auditEvent();
        ObjectNode node = e.putObject("requestObject");
        for (int i = 0; i < 60; i++) {
            node = node.putObject("a");
        }
        assertThat(read(e).onlyEvent()).isNotNull();
    }

    @Test
    void rejectsOversizeRecordsAndDocuments() {
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxRecordBytes(4096).withMaxDocumentBytes(64 * 1024);
        InputReader reader = new InputReader(limits);
        ObjectNode big = auditEvent().put("userAgent", "x".repeat(5000));

        CollectingSink single = new CollectingSink();
        reader.read(TestEvents.bytes(big), SourceBinding.fixed("c"), single);
        CollectingSink.Outcome r = single.onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(r.original().length).isLessThanOrEqualTo(4096);

        // In a list, only the big item is oversize; the list itself may exceed the record limit.
        ObjectNode list = TestEvents.MAPPER.createObjectNode().put("kind", "EventList");
        list.putArray("items").add(auditEvent()).add(big).add(auditEvent().put("auditID", "a-2"));
        CollectingSink inList = new CollectingSink();
        reader.read(TestEvents.bytes(list), SourceBinding.fixed("c"), inList);
        assertThat(inList.events).hasSize(2);
        assertThat(inList.rejections).extracting(CollectingSink.Outcome::reason).containsExactly(Reason.OVERSIZE);

        CollectingSink huge = new CollectingSink();
        byte[] document = new byte[64 * 1024 + 1];
        Arrays.fill(document, (byte) ' ');
        reader.read(document, SourceBinding.fixed("c"), huge);
        assertThat(huge.onlyRejection().reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(huge.onlyRejection().detail()).contains("65537 bytes");
    }
}
