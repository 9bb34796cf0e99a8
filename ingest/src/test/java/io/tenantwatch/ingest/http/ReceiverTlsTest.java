package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: a self-signed certificate, and a client that trusts only it. */
@ExtendWith(TestBroker.class)
class ReceiverTlsTest {

    static final String TOKEN = "tls-token-51e0-4b7a9c";

    @TempDir
    Path dir;

    @Test
    void aPostOverTlsIsAcceptedAndWritten() throws Exception {
        SelfSigned cert = SelfSigned.rsa();
        ReceiverConfig config = ReceiverConfig.defaults("tls", BearerTokens.of(TOKEN))
                .withTls(cert.writeCertificate(dir), cert.writePkcs8Key(dir))
                .withBindAddress("127.0.0.1")
                .withPort(0);
        try (KafkaEventWriter writer = new KafkaEventWriter(
                        KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
                ReceiverServer server =
                        new ReceiverServer(config, new InputReader(), writer, new SimpleMeterRegistry())) {
            server.start();
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(cert.clientContext())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest request = Http.request(server, "/v1/audit/tls-1", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            eventList(corpusLine("falco-k8s-audit/exec_pod.json"))))
                    .build();

            HttpResponse<String> r = Http.send(client, request);

            assertThat(request.uri().getScheme()).isEqualTo("https");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TopicRecords.normalized("tls-1")).hasSize(1);

            // A client that does not trust the certificate gets no answer at all.
            HttpClient untrusting = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() -> untrusting.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void tlsBindsEveryInterfaceUnlessABindAddressIsGivenAndPlainHttpOnlyLoopback() {
        ReceiverConfig plain = ReceiverConfig.defaults("c", BearerTokens.of(TOKEN));
        assertThat(plain.effectiveBindAddress()).isEqualTo("127.0.0.1");
        assertThat(plain.withTls(dir.resolve("c"), dir.resolve("k")).effectiveBindAddress())
                .isEqualTo("0.0.0.0");
        assertThat(plain.withBindAddress("0.0.0.0").effectiveBindAddress()).isEqualTo("0.0.0.0");
        assertThat(plain.port()).isEqualTo(8443);
        assertThat(plain.maxBodyBytes()).isEqualTo(16 << 20);
    }

    @Test
    void aPlainServerListensOnLoopbackOnly() {
        try (KafkaEventWriter writer = new KafkaEventWriter(
                        KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 10);
                ReceiverServer server = new ReceiverServer(
                        ReceiverConfig.defaults("c", BearerTokens.of(TOKEN)).withPort(0),
                        new InputReader(),
                        writer,
                        new SimpleMeterRegistry())) {
            server.start();
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        }
    }
}
