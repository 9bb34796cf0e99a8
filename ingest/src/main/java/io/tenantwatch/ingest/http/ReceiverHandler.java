package io.tenantwatch.ingest.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.ingest.kafka.WriterBusyException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request, in the order that costs least for a request that fails: route (404), method (405),
 * token (401), cluster name (400), content type (415), declared length (413), then the body read
 * within the limit (413), read by {@link InputReader} and written; 200 only once Kafka has
 * acknowledged every record, so that the sender's own retry covers any failure (503).
 * Nothing is logged per request: the outcome is a metric.
 */
final class ReceiverHandler implements HttpHandler {

    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-ndjson", "text/plain");

    private final ReceiverConfig config;
    private final InputReader reader;
    private final EventWriter writer;
    private final ReceiverMetrics metrics;
    private final String retryAfterSeconds;
    private final AtomicInteger active = new AtomicInteger();
    private volatile BearerTokens tokens;
    private volatile boolean stopping;

    ReceiverHandler(ReceiverConfig config, InputReader reader, EventWriter writer, ReceiverMetrics metrics) {
        this.config = config;
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
        this.tokens = config.tokens();
        this.retryAfterSeconds = Long.toString(Math.max(1, (config.retryAfter().toMillis() + 999) / 1000));
    }

    void tokens(BearerTokens newTokens) {
        this.tokens = newTokens;
    }

    /** From now on every request gets 503; {@link #active()} says when the last one has finished. */
    void stopAccepting() {
        stopping = true;
    }

    int active() {
        return active.get();
    }

    @Override
    public void handle(HttpExchange ex) {
        long start = System.nanoTime();
        active.incrementAndGet();
        Route route = Route.parse(ex.getRequestURI().getRawPath(), config.defaultCluster());
        String status = "aborted";
        try {
            status = Integer.toString(serve(ex, route));
        } catch (BodyTimeoutException e) {
            // The connection is closed already: counted, not answered.
            status = "408";
        } catch (IOException e) {
            // The sender went away or broke the framing: nobody to answer.
        } catch (RuntimeException e) {
            status = "500";
            try {
                send(ex, 500, Responses.error("internal", "internal error in the receiver"));
            } catch (IOException | RuntimeException ignored) {
                // headers already sent, or the connection is gone
            }
        } finally {
            ex.close();
            active.decrementAndGet();
            metrics.request(route == null ? Route.OTHER : route.endpoint().label, status, System.nanoTime() - start);
        }
    }

    private int serve(HttpExchange ex, Route route) throws IOException {
        if (stopping || SheddingExecutor.shedding()) {
            return unavailable(ex, stopping ? "the receiver is stopping" : "the receiver is at capacity");
        }
        if (route == null) {
            return send(ex, 404, Responses.error("not-found",
                    "no receiver here; POST to /v1/audit[/{cluster}] or /v1/falco[/{cluster}]"));
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            return send(ex, 405, Responses.error("method-not-allowed", "the receivers take POST only"));
        }
        Headers headers = ex.getRequestHeaders();
        if (!tokens.acceptsHeader(headers.getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tenantwatch\"");
            return send(ex, 401, Responses.error("unauthorized", "a valid bearer token is required"));
        }
        if (!route.clusterValid()) {
            return send(ex, 400, Responses.error("invalid-cluster",
                    "a cluster name takes letters, digits, '.', '_' and '-' only"));
        }
        String mediaProblem = mediaProblem(headers);
        if (mediaProblem != null) {
            return send(ex, 415, Responses.error("unsupported-media-type", mediaProblem));
        }
        BodyReader.Body body;
        try (BodyDeadline deadline = BodyDeadline.start(ex, config.bodyTimeout())) {
            body = read(ex, headers, deadline);
        } catch (BodyTooLargeException e) {
            // The rest of the body is not read: close rather than keep the connection.
            ex.getResponseHeaders().set("Connection", "close");
            return send(ex, 413, Responses.error("oversize", e.getMessage()));
        }
        RequestBatch batch = new RequestBatch(route.cluster());
        SourceBinding binding = SourceBinding.service(route.cluster(), config.clustersByResourceId());
        reader.read(body.bytes(), 0, body.length(), binding, batch);
        if (batch.unreadable()) {
            // Retrying cannot help the sender, so the answer is 400 whether or not the DLQ took it.
            awaitQuietly(batch);
            metrics.records(route.endpoint(), batch);
            return send(ex, 400, Responses.unreadable(batch));
        }
        String failure = await(batch);
        if (failure != null) {
            return unavailable(ex, failure);
        }
        metrics.records(route.endpoint(), batch);
        return send(ex, 200, Responses.counts(batch));
    }

    /** Null once Kafka acknowledged every record, else why not (for the 503 body). */
    private BodyReader.Body read(HttpExchange ex, Headers headers, BodyDeadline deadline) throws IOException {
        try {
            return BodyReader.read(ex.getRequestBody(), declaredLength(headers), config.maxBodyBytes());
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new BodyTimeoutException();
            }
            throw e;
        }
    }

    /** The body did not arrive within {@link ReceiverConfig#bodyTimeout()}. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException() {
            super("the request body did not arrive in time", null);
        }
    }

    private String await(RequestBatch batch) {
        try {
            writer.write(batch.events, batch.deadLetters)
                    .get(config.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof WriterBusyException
                    ? "the Kafka writer is busy"
                    : "Kafka did not take the records (" + cause.getClass().getSimpleName() + ")";
        } catch (TimeoutException e) {
            return "Kafka did not acknowledge the records within " + config.writeTimeout().toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the receiver is stopping";
        }
    }

    private void awaitQuietly(RequestBatch batch) {
        try {
            writer.write(List.of(), batch.deadLetters).get(config.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted as rejected all the same; the 400 tells the sender
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Null when the body can be read as JSON: one of {@link #JSON_TYPES} or none, not compressed. */
    private static String mediaProblem(Headers headers) {
        String encoding = headers.getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            return "content encoding " + quote(encoding) + " is not supported; send the body uncompressed";
        }
        String type = headers.getFirst("Content-Type");
        if (type == null || type.isBlank()) {
            return null;
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return JSON_TYPES.contains(media) ? null
                : "content type " + quote(media) + " is not JSON; send application/json, application/x-ndjson or text/plain";
    }

    /** The Content-Length, or -1 for a chunked body (the JDK server has already vetted both headers). */
    private static long declaredLength(Headers headers) {
        if (headers.getFirst("Transfer-Encoding") != null) {
            return -1;
        }
        String length = headers.getFirst("Content-Length");
        return length == null ? 0 : Long.parseLong(length.strip());
    }

    private int unavailable(HttpExchange ex, String message) throws IOException {
        ex.getResponseHeaders().set("Retry-After", retryAfterSeconds);
        return send(ex, 503, Responses.error("unavailable", message));
    }

    private static int send(HttpExchange ex, int status, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    /** A header value quoted in an answer: short, printable. */
    private static String quote(String value) {
        String v = value.strip();
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < v.length() && i < 64; i++) {
            char c = v.charAt(i);
            out.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return out.append(v.length() > 64 ? "…'" : "'").toString();
    }
}
