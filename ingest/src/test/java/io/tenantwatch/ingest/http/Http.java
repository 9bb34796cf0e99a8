package io.tenantwatch.ingest.http;

import io.tenantwatch.testkit.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real HTTP client for the receiver tests, and the corpus bodies they send. */
final class Http {

    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static URI base(ReceiverServer server) {
        return URI.create((server.tls() ? "https" : "http") + "://127.0.0.1:" + server.port());
    }

    static HttpRequest.Builder request(ReceiverServer server, String path, String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base(server).resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static HttpResponse<String> post(
            ReceiverServer server, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = request(server, path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(CLIENT, b.build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request head and only the start of its body over a plain socket, then reads the
     * status line: proves an answer came without the rest of the body being sent.
     */
    static String statusLineAfterPartialBody(ReceiverServer server, String head, byte[] bodyStart) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bodyStart);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    /** One line of a corpus file, without its line break. */
    static String corpusLine(String file) {
        return new String(Corpus.bytes(file), StandardCharsets.UTF_8).strip();
    }

    /** An audit EventList, as the API server's webhook backend POSTs it, of the given items. */
    static byte[] eventList(String... items) {
        return ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                        + String.join(",", items) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] array(String... items) {
        return ("[" + String.join(",", items) + "]").getBytes(StandardCharsets.UTF_8);
    }

    static List<String> corpusLines(String file) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(Corpus.bytes(file), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
