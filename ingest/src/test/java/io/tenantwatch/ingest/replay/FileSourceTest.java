package io.tenantwatch.ingest.replay;

import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.falcoAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReaderLimits;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.TestEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    private static final SourceBinding BINDING = SourceBinding.fixed("default");

    private static CollectingSink read(String content) throws IOException {
        return read(new FileSource(new InputReader()), content.getBytes(StandardCharsets.UTF_8));
    }

    private static CollectingSink read(FileSource source, byte[] content) throws IOException {
        CollectingSink sink = new CollectingSink();
        source.read(new ByteArrayInputStream(content), BINDING, sink);
        return sink;
    }

    private static String pretty(Object node) throws IOException {
        return TestEvents.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    @Test
    void readsJsonLinesOfAnyFormatIgnoringBlankLinesAndCrlf() throws IOException {
        String content = auditEvent() + "\r\n\r\n   \n" + falcoAlert() + "\n"
                + auditEvent().put("auditID", "a-2") + "\r\n";
        CollectingSink sink = read(content);
        assertThat(sink.events).extracting(NormalizedEvent::source).containsExactly("k8s-audit", "falco", "k8s-audit");
        assertThat(sink.calls()).isEqualTo(3);
    }

    @Test
    void dropsAByteOrderMark() throws IOException {
        byte[] lines = (auditEvent() + "\n" + auditEvent().put("auditID", "a-2")).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[lines.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(lines, 0, withBom, 3, lines.length);
        assertThat(read(new FileSource(new InputReader()), withBom).events).hasSize(2);
        assertThat(read(
                                new FileSource(new InputReader()),
                                Corpus.bytes("aks-envelope/sysdiglabs_sample_EventHubs_event.json"))
                        .events)
                .hasSize(1);
    }

    @Test
    void readsAPrettyPrintedDocumentWhole() throws IOException {
        ObjectNode list = TestEvents.MAPPER.createObjectNode().put("kind", "EventList");
        list.putArray("items")
                .add(auditEvent())
                .add(auditEvent().put("auditID", "a-2"))
                .add(auditEvent().put("auditID", "a-3"));
        assertThat(read(pretty(list)).events).hasSize(3);
        assertThat(read(pretty(auditEvent())).onlyEvent().auditId()).isEqualTo("a-1");
    }

    @Test
    void aPrettyPrintedDocumentMayExceedTheRecordLimitButNotTheDocumentLimit() throws IOException {
        ObjectNode list = TestEvents.MAPPER.createObjectNode().put("kind", "EventList");
        for (int i = 0; i < 40; i++) {
            list.withArray("items").add(auditEvent().put("auditID", "a-" + i));
        }
        byte[] document = pretty(list).getBytes(StandardCharsets.UTF_8);
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxRecordBytes(4096).withMaxDocumentBytes(document.length);
        assertThat(read(new FileSource(new InputReader(limits)), document).events)
                .hasSize(40);

        FileSource tooSmall = new FileSource(new InputReader(limits.withMaxDocumentBytes(document.length / 2)));
        CollectingSink.Outcome r = read(tooSmall, document).onlyRejection();
        assertThat(r.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(r.detail()).contains(document.length + " bytes");
    }

    @Test
    void aBrokenPrettyPrintedDocumentIsOneRejection() throws IOException {
        CollectingSink sink = read(
                new FileSource(new InputReader()), Corpus.bytes("stratus/k8s.persistence.create-token.verbatim.txt"));
        assertThat(sink.onlyRejection().reason()).isEqualTo(Reason.INVALID_JSON);
        assertThat(sink.onlyRejection().detail()).contains("line 19");
    }

    @Test
    void jsonLinesWhoseFirstLineIsCutAreStillReadByLine() throws IOException {
        String first = auditEvent().toString();
        String content =
                first.substring(0, 40) + "\n" + auditEvent().put("auditID", "a-2") + "\n" + falcoAlert() + "\n";
        CollectingSink sink = read(content);
        assertThat(sink.events).hasSize(2);
        assertThat(sink.rejections).extracting(CollectingSink.Outcome::reason).containsExactly(Reason.TRUNCATED);
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutBeingBuffered() throws IOException {
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxRecordBytes(4096);
        String huge = auditEvent().put("userAgent", "y".repeat(200_000)).toString();
        String content = auditEvent() + "\n" + huge + "\n" + auditEvent().put("auditID", "a-3") + "\n" + huge;
        CollectingSink sink = read(new FileSource(new InputReader(limits)), content.getBytes(StandardCharsets.UTF_8));
        assertThat(sink.events).extracting(NormalizedEvent::auditId).containsExactly("a-1", "a-3");
        assertThat(sink.rejections).hasSize(2).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(Reason.OVERSIZE);
            assertThat(r.detail()).contains(huge.length() + " bytes");
            assertThat(r.original().length).isLessThanOrEqualTo(4096);
        });
    }

    @Test
    void aLineOfExactlyTheLimitIsRead() throws IOException {
        String event = auditEvent().toString();
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxRecordBytes(event.length());
        CollectingSink sink = read(
                new FileSource(new InputReader(limits)), (event + "\r\n" + event).getBytes(StandardCharsets.UTF_8));
        assertThat(sink.events).hasSize(2);
    }

    @Test
    void streamsAFileInSmallReads() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            content.append(auditEvent().put("auditID", "a-" + i)).append('\n');
        }
        InputStream trickle = new ByteArrayInputStream(content.toString().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7)); // a pipe delivering a few bytes at a time
            }
        };
        CollectingSink sink = new CollectingSink();
        new FileSource(new InputReader()).read(trickle, BINDING, sink);
        assertThat(sink.events).hasSize(2000);
        assertThat(sink.events.get(1999).auditId()).isEqualTo("a-1999");
    }

    @Test
    void emptyAndBlankFilesGiveNothing() throws IOException {
        assertThat(read("").calls()).isZero();
        assertThat(read("\n \r\n\t\n").calls()).isZero();
    }

    @Test
    void readsFilesAndStdin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, auditEvent() + "\n" + falcoAlert() + "\n");
        CollectingSink fromFile = new CollectingSink();
        new FileSource(new InputReader()).read(file.toString(), BINDING, fromFile);
        assertThat(fromFile.events).hasSize(2);

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(file)));
            CollectingSink fromStdin = new CollectingSink();
            new FileSource(new InputReader()).read(FileSource.STDIN, BINDING, fromStdin);
            assertThat(fromStdin.events).hasSize(2);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> new FileSource(new InputReader())
                        .read("/nonexistent/events.jsonl", BINDING, new CollectingSink()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aPrettyPrintedAksRecordFromTheCorpus() throws IOException {
        CollectingSink sink =
                read(new FileSource(new InputReader()), Corpus.bytes("aks-envelope/dynatrace_kube-audit_record.json"));
        assertThat(sink.onlyEvent().clusterResourceId()).endsWith("MANAGEDCLUSTERS/DEMO-AKS");
    }
}
