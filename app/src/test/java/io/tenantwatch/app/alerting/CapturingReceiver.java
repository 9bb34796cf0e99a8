package io.tenantwatch.app.alerting;

import com.sun.net.httpserver.HttpServer;
import io.tenantwatch.alerting.sinks.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real local HTTP endpoint (the JDK's server) standing in for a SIEM webhook, Slack and
 * Alertmanager's API at once: it records every body it receives by path, bounds the body size,
 * checks the webhook signature when there is one, and answers with a status the test sets.
 */
final class CapturingReceiver implements AutoCloseable {

    record Request(String path, String body, boolean signed, boolean signatureValid) {}

    private static final int MAX_BODY = 1 << 20;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final byte[] key;
    private final List<Request> requests = new ArrayList<>();
    private volatile int status = 200;

    CapturingReceiver(String hmacKey) throws IOException {
        this.key = hmacKey.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    exchange.sendResponseHeaders(413, -1);
                    return;
                }
                String sig = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
                String ts = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
                boolean valid = sig != null && WebhookSignature.verify(key, ts, body, sig);
                synchronized (this) {
                    requests.add(new Request(
                            exchange.getRequestURI().getPath(),
                            new String(body, StandardCharsets.UTF_8),
                            sig != null,
                            valid));
                }
                exchange.sendResponseHeaders(sig != null && !valid ? 401 : status, -1);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(int httpStatus) {
        status = httpStatus;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> bodies(String path) {
        return requests.stream()
                .filter(r -> r.path().equals(path))
                .map(Request::body)
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
