package io.tenantwatch.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.TestEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bodies are read in the event's own pass when objectRef and verb come first (the API server's
 * order), and located and parsed at the end otherwise (sorted keys, other producers). Both paths
 * must give the same event: every corpus audit event, its keys reordered, normalizes alike.
 */
class FieldOrderTest {

    private static List<ObjectNode> corpusAuditEvents() throws IOException {
        List<ObjectNode> events = new ArrayList<>();
        for (String dir : List.of("falco-k8s-audit", "falco-k8s-audit-psp")) {
            try (Stream<Path> files = Files.list(Corpus.dir().resolve(dir))) {
                for (Path f : files.sorted().toList()) {
                    for (String line : Files.readAllLines(f)) {
                        JsonNode n = TestEvents.parse(line);
                        if (n.isObject() && n.has("auditID")) {
                            events.add((ObjectNode) n);
                        }
                    }
                }
            }
        }
        return events;
    }

    private static ObjectNode reordered(ObjectNode event, List<String> order) {
        ObjectNode out = TestEvents.MAPPER.createObjectNode();
        order.forEach(k -> out.set(k, event.get(k)));
        return out;
    }

    private static NormalizedEvent normalize(ObjectNode event) {
        CollectingSink sink = TestEvents.read(event);
        return sink.onlyEvent();
    }

    @Test
    void theSameEventWhateverTheOrderOfItsFields() throws IOException {
        Random random = new Random(7);
        List<ObjectNode> events = corpusAuditEvents();
        assertThat(events).hasSizeGreaterThan(80);
        for (ObjectNode event : events) {
            NormalizedEvent expected = normalize(event);
            List<String> keys = new ArrayList<>();
            event.fieldNames().forEachRemaining(keys::add);

            List<String> sorted = new ArrayList<>(keys);
            Collections.sort(sorted);
            List<String> reversed = new ArrayList<>(keys);
            Collections.reverse(reversed);
            List<String> shuffled = new ArrayList<>(keys);
            Collections.shuffle(shuffled, random);
            // The API server's order: objectRef, verb and level before the bodies.
            List<String> apiServer = new ArrayList<>(keys);
            apiServer.removeAll(List.of("requestObject", "responseObject"));
            keys.stream().filter(k -> k.endsWith("Object")).sorted().forEach(apiServer::add);

            for (List<String> order : List.of(sorted, reversed, shuffled, apiServer)) {
                assertThat(normalize(reordered(event, order)))
                        .as("%s in order %s", event.get("auditID"), order)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aRequestLevelEventReadsItsRequestInTheSamePass() throws IOException {
        int checked = 0;
        for (ObjectNode event : corpusAuditEvents()) {
            if (!event.has("requestObject") || event.has("responseObject")) {
                continue;
            }
            NormalizedEvent expected = normalize(event);
            ObjectNode first = TestEvents.MAPPER.createObjectNode().put("level", "Request");
            first.set("objectRef", event.get("objectRef"));
            first.set("verb", event.get("verb"));
            first.setAll(event);
            first.put("level", "Request");
            assertThat(normalize(first)).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }
}
