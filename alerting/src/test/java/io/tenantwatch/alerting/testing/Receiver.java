package io.tenantwatch.alerting.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tenantwatch.alerting.sinks.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP receiver (the JDK's server) that does what a careful webhook consumer does:
 * bounds the body, verifies the HMAC signature and the timestamp's freshness when it has a key,
 * and records what it accepted. Its answer can be switched (503 for an outage, 400 to reject).
 */
public final class Receiver implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;
    private static final long MAX_SKEW_SECONDS = 300;

    /** One request as received. */
    public record Request(
            String path,
            String body,
            String timestamp,
            String signature,
            String alertId,
            String contentType,
            boolean signatureValid,
            int answeredWith,
            Map<String, String> headers) {

        /** A header's first value, by its name in any case; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final byte[] key;
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile String retryAfter;
    private final List<Request> requests = new ArrayList<>();

    private Receiver(byte[] key) throws IOException {
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver that checks signatures with {@code key}. */
    public static Receiver verifying(String key) throws IOException {
        return new Receiver(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A receiver without signatures (Slack, Alertmanager-shaped endpoints). */
    public static Receiver plain() throws IOException {
        return new Receiver(null);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What it answers from now on (200 by default). */
    public void answer(int httpStatus) {
        answer(httpStatus, null);
    }

    /** What it answers from now on, with a {@code Retry-After} header when not null. */
    public void answer(int httpStatus, String retryAfterHeader) {
        retryAfter = retryAfterHeader;
        status.set(httpStatus);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bodies of the requests it accepted (2xx) with a valid signature (or any, without a key). */
    public synchronized List<String> accepted() {
        List<String> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.answeredWith / 100 == 2 && (key == null || r.signatureValid)) {
                out.add(r.body);
            }
        }
        return out;
    }

    /** The alert ids of accepted requests, in arrival order. */
    public synchronized List<String> acceptedIds() {
        List<String> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.answeredWith / 100 == 2 && (key == null || r.signatureValid)) {
                out.add(r.alertId);
            }
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
            boolean valid = key != null
                    && WebhookSignature.verify(key, timestamp, body, signature)
                    && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= MAX_SKEW_SECONDS;
            int answer = key != null && !valid ? 401 : status.get();
            synchronized (this) {
                requests.add(new Request(
                        exchange.getRequestURI().getPath(),
                        new String(body, StandardCharsets.UTF_8),
                        timestamp,
                        signature,
                        exchange.getRequestHeaders().getFirst(WebhookSignature.ALERT_ID_HEADER),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        valid,
                        answer,
                        firstValues(exchange)));
            }
            byte[] reply = (answer / 100 == 2 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    private static Map<String, String> firstValues(HttpExchange exchange) {
        Map<String, String> out = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                out.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
