package io.tenantwatch.ingest.http;

import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.ingest.kafka.WriterBusyException;
import io.tenantwatch.schemas.ClusterNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request, in the order that costs least for a request that fails: route (404), method (405),
 * token (401), cluster name (400), content type (415), declared length (413), then the body read
 * within the limit (413), read by {@link InputReader} and written; 200 only once Kafka has
 * acknowledged every record, so that the sender's own retry covers any failure (503).
 * At most {@link ReceiverConfig#threads()} requests are served at once and
 * {@link ReceiverConfig#queueCapacity()} wait for a turn; past that a request gets 503 at once,
 * without its body being read. Nothing is logged per request: the outcome is a metric.
 */
final class ReceiverHandler extends Handler.Abstract {

    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-ndjson", "text/plain");

    private final ReceiverConfig config;
    private final InputReader reader;
    private final EventWriter writer;
    private final ReceiverMetrics metrics;
    private final String retryAfterSeconds;
    private final AtomicInteger active = new AtomicInteger();
    private final Semaphore serving;
    private final Semaphore waiting;
    private volatile BearerTokens tokens;
    private volatile boolean stopping;

    ReceiverHandler(ReceiverConfig config, InputReader reader, EventWriter writer, ReceiverMetrics metrics) {
        this.config = config;
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
        this.tokens = config.tokens();
        this.retryAfterSeconds = Long.toString(Math.max(1, (config.retryAfter().toMillis() + 999) / 1000));
        this.serving = new Semaphore(config.threads(), true); // fair: turns in order of arrival
        this.waiting = new Semaphore(config.queueCapacity());
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
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        active.incrementAndGet();
        Route route = Route.parse(request.getHttpURI().getPath(), config.defaultCluster());
        Exchange ex = new Exchange(request, response, callback);
        String status = "aborted";
        boolean turn = false;
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        long headerTimeout = endPoint.getIdleTimeout();
        try {
            int refused = stopping ? unavailable(ex, "the receiver is stopping") : refuse(ex, route);
            if (refused != 0) {
                status = Integer.toString(refused);
            } else {
                // Authenticated: no longer held to the silence allowed between requests. A request
                // waiting for its turn may be complete already and idle, so it gets the longest a
                // turn should take; once served, its body must arrive within the body timeout.
                endPoint.setIdleTimeout(
                        config.bodyTimeout().plus(config.writeTimeout()).toMillis());
                turn = takeTurn();
                if (!turn) {
                    status = Integer.toString(unavailable(ex, "the receiver is at capacity"));
                } else {
                    try (BodyDeadline deadline = BodyDeadline.start(endPoint::close, config.bodyTimeout())) {
                        status = Integer.toString(serve(ex, route, deadline));
                    }
                }
            }
        } catch (BodyTimeoutException e) {
            // The connection is closed already: counted, not answered.
            status = "408";
            callback.failed(e);
        } catch (IOException e) {
            // The sender went away or broke the framing: nobody to answer.
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (RuntimeException e) {
            status = "500";
            if (!ex.sent) {
                ex.send(500, Responses.error("internal", "internal error in the receiver"));
            } else {
                callback.failed(e);
            }
        } finally {
            if (turn) {
                serving.release();
            }
            endPoint.setIdleTimeout(headerTimeout);
            active.decrementAndGet();
            metrics.request(route == null ? Route.OTHER : route.endpoint().label, status, System.nanoTime() - start);
        }
        return true;
    }

    /** A turn to be served now, or after a wait in the bounded queue; false when the queue is full too. */
    private boolean takeTurn() throws InterruptedException {
        if (serving.tryAcquire()) {
            return true;
        }
        if (!waiting.tryAcquire()) {
            return false;
        }
        try {
            serving.acquire();
            return true;
        } finally {
            waiting.release();
        }
    }

    /** The answer to a request that is not served (404, 405, 401), or 0 when it may go on. */
    private int refuse(Exchange ex, Route route) {
        if (route == null) {
            return ex.send(
                    404,
                    Responses.error(
                            "not-found", "no receiver here; POST to /v1/audit[/{cluster}] or /v1/falco[/{cluster}]"));
        }
        if (!"POST".equals(ex.request.getMethod())) {
            ex.response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return ex.send(405, Responses.error("method-not-allowed", "the receivers take POST only"));
        }
        if (!tokens.acceptsHeader(ex.request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            ex.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tenantwatch\"");
            return ex.send(401, Responses.error("unauthorized", "a valid bearer token is required"));
        }
        return 0;
    }

    private int serve(Exchange ex, Route route, BodyDeadline deadline) throws IOException {
        HttpFields headers = ex.request.getHeaders();
        if (!route.clusterValid()) {
            return ex.send(400, Responses.error("invalid-cluster", "a cluster name is " + ClusterNames.RULE));
        }
        String mediaProblem = mediaProblem(headers);
        if (mediaProblem != null) {
            return ex.send(415, Responses.error("unsupported-media-type", mediaProblem));
        }
        BodyReader.Body body;
        try {
            body = read(ex.request, headers, deadline);
        } catch (BodyTooLargeException e) {
            return ex.send(413, Responses.error("oversize", e.getMessage()));
        }
        ex.bodyRead = true;
        // The body is in: waiting for Kafka is bounded by the write timeout, not by this deadline.
        deadline.close();
        RequestBatch batch = new RequestBatch(route.cluster());
        SourceBinding binding = SourceBinding.service(route.cluster(), config.clustersByResourceId());
        reader.read(body.bytes(), 0, body.length(), binding, batch);
        if (batch.unreadable()) {
            // Retrying cannot help the sender, so the answer is 400 whether or not the DLQ took it.
            awaitQuietly(batch);
            metrics.records(route.endpoint(), batch);
            return ex.send(400, Responses.unreadable(batch));
        }
        String failure = await(batch);
        if (failure != null) {
            return unavailable(ex, failure);
        }
        metrics.records(route.endpoint(), batch);
        return ex.send(200, Responses.counts(batch));
    }

    private BodyReader.Body read(Request request, HttpFields headers, BodyDeadline deadline) throws IOException {
        try {
            return BodyReader.read(
                    Content.Source.asInputStream(request), declaredLength(headers), config.maxBodyBytes());
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (deadline.expired()) {
                throw new BodyTimeoutException();
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
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
            return "Kafka did not acknowledge the records within "
                    + config.writeTimeout().toMillis() + " ms";
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
    private static String mediaProblem(HttpFields headers) {
        String encoding = headers.get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            return "content encoding " + quote(encoding) + " is not supported; send the body uncompressed";
        }
        String type = headers.get(HttpHeader.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            return null;
        }
        int semicolon = type.indexOf(';');
        String media =
                (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return JSON_TYPES.contains(media)
                ? null
                : "content type " + quote(media)
                        + " is not JSON; send application/json, application/x-ndjson or text/plain";
    }

    /** The Content-Length, or -1 for a chunked body (Jetty has already vetted both headers). */
    private static long declaredLength(HttpFields headers) {
        if (headers.get(HttpHeader.TRANSFER_ENCODING) != null) {
            return -1;
        }
        String length = headers.get(HttpHeader.CONTENT_LENGTH);
        return length == null ? 0 : Long.parseLong(length.strip());
    }

    private int unavailable(Exchange ex, String message) {
        ex.response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        return ex.send(503, Responses.error("unavailable", message));
    }

    /** One request and its answer, sent at most once. */
    private static final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        boolean sent;
        /** Whether the body was read to its end; a connection with a body left unread is not kept. */
        boolean bodyRead;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        int send(int status, byte[] body) {
            sent = true;
            if (!bodyRead && request.getLength() != 0) {
                // Refused before its body was read (401, 404, 413, 415, …): the server cannot keep a
                // connection with unread bytes on it, and a client that is not told so reuses it and
                // sends its next request into a socket being closed.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body), callback);
            return status;
        }
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
