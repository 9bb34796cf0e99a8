package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.array;
import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.corpusLines;
import static io.tenantwatch.ingest.http.Http.eventList;
import static io.tenantwatch.ingest.http.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.schemas.DlqHeaders;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The receivers end to end: a real broker, a real server on a free port, a real HTTP client. */
@ExtendWith(TestBroker.class)
class ReceiverServerTest {

    static final String TOKEN = "current-token-6f1c2a9e";
    static final String NEXT = "next-token-b7d04e13";
    static final String EXEC_POD = "falco-k8s-audit/exec_pod.json";
    static final String PRIVILEGED_POD = "falco-k8s-audit/create_nginx_pod_privileged.json";
    static final String JSON = "application/json";

    static KafkaEventWriter writer;
    static ReceiverServer server;

    @BeforeAll
    static void start() {
        writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
        server = new ReceiverServer(
                ReceiverConfig.defaults("home", BearerTokens.of(TOKEN, NEXT)).withPort(0),
                new InputReader(),
                writer,
                new SimpleMeterRegistry());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ZERO);
        writer.close();
    }

    @Test
    void eventListToAClusterPathLandsOnNormalizedKeyedByClusterAndNamespace() throws Exception {
        HttpResponse<String> r = post(
                server, "/v1/audit/aks-prod", TOKEN, JSON, eventList(corpusLine(EXEC_POD), corpusLine(PRIVILEGED_POD)));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isZero();

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.normalized("aks-prod");
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("aks-prod/default");
        List<NormalizedEvent> events = records.stream().map(TopicRecords::event).collect(Collectors.toList());
        assertThat(events).extracting(NormalizedEvent::cluster).containsOnly("aks-prod");
        assertThat(events)
                .extracting(NormalizedEvent::auditId)
                .containsExactlyInAnyOrder(
                        "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", "a362d22b-db3c-4590-9505-23782f12925f");
        assertThat(events).extracting(NormalizedEvent::source).containsOnly(NormalizedEvent.SOURCE_AUDIT);
    }

    @Test
    void falcoJsonLinesGoToTheDefaultClusterAndAnArrayToItsPathCluster() throws Exception {
        List<String> lines = corpusLines("falco-alerts/falco_test_single_rule_with_cat_write.jsonl");
        byte[] jsonLines = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = post(server, "/v1/falco", TOKEN, "application/x-ndjson", jsonLines);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).get("accepted").asInt()).isEqualTo(lines.size());
        List<NormalizedEvent> home = TopicRecords.normalized("home").stream()
                .map(TopicRecords::event)
                .toList();
        assertThat(home).hasSize(lines.size());
        assertThat(home).allSatisfy(e -> {
            assertThat(e.cluster()).isEqualTo("home");
            assertThat(e.source()).isEqualTo(NormalizedEvent.SOURCE_FALCO);
            assertThat(e.falco().rule()).isEqualTo("open_from_cat");
        });

        byte[] alerts = array(
                corpusLine(
                        "falco-alerts/falco-website__blog_falcosidekick-response-engine-part-1-kubeless__c47da4cb.jsonl"),
                corpusLine("falco-alerts/falcosidekick__outputs_client_test__8807ab7b.jsonl"));
        HttpResponse<String> a = post(server, "/v1/falco/edge-1", NEXT, null, alerts);

        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(TopicRecords.normalized("edge-1"))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("edge-1/default", "edge-1/");
    }

    @Test
    void aChunkedBodyIsReadToo() {
        HttpRequest request = Http.request(server, "/v1/audit/chunked-1", TOKEN)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(eventList(corpusLine(EXEC_POD)))))
                .build();

        assertThat(Http.send(Http.CLIENT, request).statusCode()).isEqualTo(200);
        assertThat(TopicRecords.normalized("chunked-1")).hasSize(1);
    }

    @Test
    void aBadItemIsDeadLetteredWithItsReasonAndTheRestIsAccepted() throws Exception {
        String noAuditId = "{\"kind\":\"Event\",\"stage\":\"ResponseComplete\",\"verb\":\"create\","
                + "\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"default\"},"
                + "\"requestObject\":{\"kind\":\"Secret\",\"data\":{\"password\":\"c2VjcmV0LXZhbHVl\"}}}";

        HttpResponse<String> r =
                post(server, "/v1/audit/dlq-1", TOKEN, JSON, eventList(corpusLine(EXEC_POD), noAuditId, "42"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("rejected").asInt()).isEqualTo(2);
        assertThat(body.get("reasons").get("missing-field").asInt()).isEqualTo(1);
        assertThat(body.get("reasons").get("bad-field-type").asInt()).isEqualTo(1);
        assertThat(TopicRecords.normalized("dlq-1")).hasSize(1);

        List<ConsumerRecord<String, byte[]>> dead = TopicRecords.deadLetters("dlq-1");
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(d -> assertThat(TopicRecords.header(d, DlqHeaders.STAGE))
                .isEqualTo("receiver"));
        assertThat(dead)
                .extracting(d -> TopicRecords.header(d, DlqHeaders.REASON))
                .containsExactlyInAnyOrder("missing-field", "bad-field-type");
        ConsumerRecord<String, byte[]> missing = dead.stream()
                .filter(d -> "missing-field".equals(TopicRecords.header(d, DlqHeaders.REASON)))
                .findFirst()
                .orElseThrow();
        assertThat(TopicRecords.header(missing, DlqHeaders.DETAIL)).isNotBlank();
        String value = new String(missing.value(), StandardCharsets.UTF_8);
        assertThat(value).contains("\"verb\":\"create\"").doesNotContain("c2VjcmV0LXZhbHVl");
    }

    @Test
    void withoutAValidTokenNothingIsReadOrWritten() {
        byte[] body = eventList(corpusLine(EXEC_POD));

        HttpResponse<String> none = post(server, "/v1/audit/unauth-1", null, JSON, body);
        HttpResponse<String> wrong = post(server, "/v1/audit/unauth-1", TOKEN + "x", JSON, body);
        HttpResponse<String> basic = Http.send(
                Http.CLIENT,
                Http.request(server, "/v1/audit/unauth-1", null)
                        .header("Authorization", "Basic " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());

        for (HttpResponse<String> r : List.of(none, wrong, basic)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).contains("\"error\":\"unauthorized\"").doesNotContain(TOKEN);
            assertThat(r.headers().firstValue("Connection"))
                    .as("the unread body ends the connection; the client must not reuse it")
                    .hasValue("close");
        }
        assertThat(TopicRecords.normalized("unauth-1")).isEmpty();
        assertThat(TopicRecords.deadLetters("unauth-1")).isEmpty();
    }

    @Test
    void tokensRotate() {
        byte[] body = eventList(corpusLine(EXEC_POD));
        try {
            assertThat(post(server, "/v1/audit/rotate-1", TOKEN, JSON, body).statusCode())
                    .isEqualTo(200);
            assertThat(post(server, "/v1/audit/rotate-1", NEXT, JSON, body).statusCode())
                    .isEqualTo(200);

            server.tokens(BearerTokens.of(NEXT));

            assertThat(post(server, "/v1/audit/rotate-1", TOKEN, JSON, body).statusCode())
                    .isEqualTo(401);
            assertThat(post(server, "/v1/audit/rotate-1", NEXT, JSON, body).statusCode())
                    .isEqualTo(200);
        } finally {
            server.tokens(BearerTokens.of(TOKEN, NEXT));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsA400WithItsReasonAndIsDeadLettered() throws Exception {
        HttpResponse<String> r = post(
                server,
                "/v1/audit/garbage-1",
                TOKEN,
                "text/plain",
                "I0109 21:24:54.000 not json at all".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid-json");
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(TopicRecords.deadLetters("garbage-1"))
                .extracting(d -> TopicRecords.header(d, DlqHeaders.REASON))
                .containsExactly("invalid-json");
    }

    @Test
    void jsonOfNoKnownKindIsA400() throws Exception {
        HttpResponse<String> object = post(
                server, "/v1/falco/garbage-2", TOKEN, JSON, "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> empty = post(server, "/v1/falco/garbage-2", TOKEN, JSON, new byte[0]);

        assertThat(object.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(object.body()).get("error").asText()).isEqualTo("unrecognized-format");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(empty.body()).get("error").asText()).isEqualTo("invalid-json");
    }

    @Test
    void anEventListWhoseItemsAllLackFieldsIsStillReadable() throws Exception {
        String noUser = "{\"kind\":\"Event\",\"auditID\":\"x-1\",\"stage\":\"ResponseComplete\",\"verb\":\"get\"}";

        HttpResponse<String> r = post(server, "/v1/audit/incomplete-1", TOKEN, JSON, eventList(noUser, noUser));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).get("rejected").asInt()).isEqualTo(2);
    }

    @Test
    void otherMethodsPathsAndContentTypesAreRefused() throws Exception {
        byte[] body = eventList(corpusLine(EXEC_POD));

        HttpResponse<String> get = Http.send(
                Http.CLIENT, Http.request(server, "/v1/audit", TOKEN).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");

        for (String path : List.of("/", "/v2/audit", "/v1/audits", "/v1/audit/a/b", "/healthz", "/metrics")) {
            assertThat(post(server, path, TOKEN, JSON, body).statusCode())
                    .as(path)
                    .isEqualTo(404);
        }

        HttpResponse<String> xml = post(server, "/v1/audit/types-1", TOKEN, "application/xml", body);
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(Json.mapper().readTree(xml.body()).get("error").asText()).isEqualTo("unsupported-media-type");
        HttpResponse<String> gzip = Http.send(
                Http.CLIENT,
                Http.request(server, "/v1/audit/types-1", TOKEN)
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
        assertThat(gzip.statusCode()).isEqualTo(415);

        HttpResponse<String> badCluster = post(server, "/v1/audit/bad%20name", TOKEN, JSON, body);
        assertThat(badCluster.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(badCluster.body()).get("error").asText())
                .isEqualTo("invalid-cluster");

        assertThat(TopicRecords.normalized("types-1")).isEmpty();
    }
}
