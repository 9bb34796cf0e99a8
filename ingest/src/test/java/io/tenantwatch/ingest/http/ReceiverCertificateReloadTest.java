package io.tenantwatch.ingest.http;

import static io.tenantwatch.ingest.http.Http.corpusLine;
import static io.tenantwatch.ingest.http.Http.eventList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.testkit.kafka.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate is served without a restart, over real TLS connections: new handshakes get
 * the new certificate, a connection opened before keeps working, and a pair that cannot be used
 * leaves the old one serving. Files change as they do in a pod: rewritten in place (cert-manager's
 * CSI driver, an editor) or through the symlink swap of a Secret volume.
 */
@ExtendWith(TestBroker.class)
class ReceiverCertificateReloadTest {

    static final String TOKEN = "reload-token-7c1d-40e2a9";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final SelfSigned first = SelfSigned.rsa();
    final SelfSigned renewed = SelfSigned.ec("tenantwatch-renewed", Duration.ofDays(90));
    SimpleMeterRegistry registry;
    KafkaEventWriter writer;
    ReceiverServer server;
    SSLContext client;

    @BeforeEach
    void setUp() throws Exception {
        registry = new SimpleMeterRegistry();
        writer = new KafkaEventWriter(
                KafkaEventWriter.producerProperties(TestBroker.bootstrapServers()), TestBroker.topics(), 1000);
        client = SelfSigned.trusting(first, renewed);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        writer.close();
    }

    private void start(Path cert, Path key) {
        ReceiverConfig config = ReceiverConfig.defaults("reload", BearerTokens.of(TOKEN))
                .withTls(cert, key)
                .withBindAddress("127.0.0.1")
                .withPort(0);
        server = new ReceiverServer(config, new InputReader(), writer, registry).reloadEvery(Duration.ofMillis(50));
        server.start();
    }

    @Test
    void aCertificateRewrittenInPlaceIsServedAndAnOpenConnectionKeepsWorking() throws Exception {
        Path cert = first.writeCertificate(dir);
        Path key = first.writePkcs8Key(dir);
        start(cert, key);
        try (SSLSocket open = handshake()) {
            assertThat(served(open)).isEqualTo(first.certificate.getSerialNumber());
            assertThat(post(open)).isEqualTo(200);
            assertThat(expiry()).isEqualTo(epochSeconds(first));

            Path staging = Files.createDirectory(dir.resolve("staging"));
            rewrite(cert, renewed.writeCertificate(staging));
            rewrite(key, renewed.writePkcs8Key(staging));

            awaitServed(renewed);
            X509Certificate now = (X509Certificate) freshHandshakeCertificate();
            assertThat(now.getSubjectX500Principal().getName()).isEqualTo("CN=tenantwatch-renewed");
            assertThat(expiry()).isEqualTo(epochSeconds(renewed));
            assertThat(reloads("certificate", "applied")).isEqualTo(1.0);
            // The connection opened before the renewal keeps its session and is still served.
            assertThat(post(open)).isEqualTo(200);
            assertThat(served(open)).isEqualTo(first.certificate.getSerialNumber());
        }
    }

    @Test
    void aSecretVolumeSymlinkSwapIsServed() throws Exception {
        // kubelet's layout: tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>/, swapped by a rename.
        Path generation1 = Files.createDirectory(dir.resolve("..2026_12_07_10_00_00.1"));
        first.writeCertificate(generation1);
        first.writePkcs8Key(generation1);
        Files.createSymbolicLink(dir.resolve("..data"), generation1.getFileName());
        Path cert = Files.createSymbolicLink(dir.resolve("tls.crt"), Path.of("..data", "tls.crt"));
        Path key = Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data", "tls.key"));
        start(cert, key);
        assertThat(freshHandshakeCertificate().getSerialNumber()).isEqualTo(first.certificate.getSerialNumber());

        Path generation2 = Files.createDirectory(dir.resolve("..2026_12_07_11_00_00.2"));
        renewed.writeCertificate(generation2);
        renewed.writePkcs8Key(generation2);
        // The new generation's files carry an older time than the old one's: only the content tells.
        for (Path f : new Path[] {generation2.resolve("tls.crt"), generation2.resolve("tls.key")}) {
            Files.setLastModifiedTime(f, Files.getLastModifiedTime(generation1.resolve("tls.crt")));
        }
        Path next = Files.createSymbolicLink(dir.resolve("..data_tmp"), generation2.getFileName());
        Files.move(next, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        awaitServed(renewed);
    }

    @Test
    void aKeyThatDoesNotMatchKeepsTheOldCertificateServingAndIsCountedOnce() throws Exception {
        Path cert = first.writeCertificate(dir);
        Path key = first.writePkcs8Key(dir);
        start(cert, key);

        Path staging = Files.createDirectory(dir.resolve("staging"));
        rewrite(cert, renewed.writeCertificate(staging));
        awaitReloads("rejected", 1);
        // Several more looks at the same broken pair: still one refusal, and the old certificate serves.
        Thread.sleep(300);
        assertThat(reloads("certificate", "rejected")).isEqualTo(1.0);
        assertThat(freshHandshakeCertificate().getSerialNumber()).isEqualTo(first.certificate.getSerialNumber());
        assertThat(expiry()).isEqualTo(epochSeconds(first));

        Files.writeString(key, "not a key at all\n");
        awaitReloads("rejected", 2);
        assertThat(freshHandshakeCertificate().getSerialNumber()).isEqualTo(first.certificate.getSerialNumber());

        // The matching key arrives: the renewal goes through.
        rewrite(key, renewed.writePkcs8Key(staging));
        awaitServed(renewed);
        assertThat(reloads("certificate", "applied")).isEqualTo(1.0);
    }

    /** Overwrites {@code file} in place (same inode), as cert-manager's CSI driver does. */
    private static void rewrite(Path file, Path from) throws IOException {
        Files.write(file, Files.readAllBytes(from));
    }

    private void awaitServed(SelfSigned expected) {
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(
                        () -> freshHandshakeCertificate().getSerialNumber(),
                        expected.certificate.getSerialNumber()::equals);
    }

    private void awaitReloads(String outcome, double count) {
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> reloads("certificate", outcome) == count);
    }

    private SSLSocket handshake() throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private X509Certificate freshHandshakeCertificate() throws IOException {
        try (SSLSocket socket = handshake()) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static BigInteger served(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    /** One audit POST on the given connection, kept alive; the answer's status. */
    private static int post(SSLSocket socket) throws IOException {
        byte[] body = eventList(corpusLine("falco-k8s-audit/exec_pod.json"));
        String head = "POST /v1/audit/reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private double expiry() {
        return registry.get(ReceiverServer.CERTIFICATE_EXPIRY)
                .tag("listener", "receiver")
                .gauge()
                .value();
    }

    private static double epochSeconds(SelfSigned cert) {
        return cert.certificate.getNotAfter().toInstant().getEpochSecond();
    }

    private double reloads(String file, String outcome) {
        return registry.get(ReceiverReloader.RELOADS)
                .tag("file", file)
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
