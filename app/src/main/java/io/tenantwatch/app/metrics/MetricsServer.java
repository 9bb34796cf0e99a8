package io.tenantwatch.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.HttpListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the process is alive) and {@code /readyz}
 * (broker, topics, Streams app and receivers are running) on the metrics port. The probes answer
 * without authentication (the kubelet has no token); {@code /metrics} asks for a bearer token when
 * {@link Endpoint#tokens} has any, since tenant names and alert counts are not for every pod to
 * read. It runs on its own {@link HttpListener}, so that neither the receivers' load nor idle or
 * slow connections to this port can keep the probes from answering.
 */
public final class MetricsServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int THREADS = 4;

    /**
     * Where the metrics port listens and who may scrape it.
     *
     * @param bindAddress the address; 127.0.0.1 unless the operator says otherwise
     * @param port        the port (0 = any free one)
     * @param tokens      bearer tokens that /metrics accepts; null or empty = no token asked
     */
    public record Endpoint(String bindAddress, int port, BearerTokens tokens) {
        public static final String LOOPBACK = "127.0.0.1";

        public Endpoint {
            bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress;
            tokens = tokens == null || tokens.isEmpty() ? null : tokens;
        }

        public static Endpoint loopback(int port) {
            return new Endpoint(LOOPBACK, port, null);
        }
    }

    private final HttpListener listener;

    private MetricsServer(HttpListener listener) {
        this.listener = listener;
    }

    /** @param readiness answers null when ready, else why not (one short line) */
    public static MetricsServer start(Endpoint endpoint, PrometheusMeterRegistry registry, Supplier<String> readiness) {
        HttpListener.Settings settings = HttpListener.Settings.of(
                        "metrics", endpoint.bindAddress(), endpoint.port(), null, THREADS)
                .withConnectionLimits(8, 256);
        try {
            return new MetricsServer(
                    HttpListener.start(settings, new Endpoints(endpoint.tokens(), registry, readiness), registry));
        } catch (IOException e) {
            throw new UsageException("--metrics-port: cannot listen on " + endpoint.bindAddress() + ":"
                    + endpoint.port() + " (" + e.getMessage() + ")");
        }
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }

    private static final class Endpoints extends Handler.Abstract {
        private final BearerTokens tokens;
        private final PrometheusMeterRegistry registry;
        private final Supplier<String> readiness;

        Endpoints(BearerTokens tokens, PrometheusMeterRegistry registry, Supplier<String> readiness) {
            super(InvocationType.BLOCKING);
            this.tokens = tokens;
            this.registry = registry;
            this.readiness = readiness;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                return respond(request, response, callback, 405, "text/plain", "");
            }
            switch (request.getHttpURI().getPath()) {
                case "/healthz" -> respond(request, response, callback, 200, "text/plain", "ok\n");
                case "/readyz" -> {
                    String notReady = readiness.get();
                    respond(
                            request,
                            response,
                            callback,
                            notReady == null ? 200 : 503,
                            "text/plain",
                            notReady == null ? "ready\n" : "not ready: " + notReady + "\n");
                }
                case "/metrics" -> {
                    if (tokens != null
                            && !tokens.acceptsHeader(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tenantwatch-metrics\"");
                        respond(request, response, callback, 401, "text/plain", "a valid bearer token is required\n");
                    } else {
                        respond(request, response, callback, 200, PROMETHEUS_TEXT, registry.scrape());
                    }
                }
                default -> respond(request, response, callback, 404, "text/plain", "not found\n");
            }
            return true;
        }

        private static boolean respond(
                Request request, Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            if ("HEAD".equals(request.getMethod())) {
                callback.succeeded();
            } else {
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            }
            return true;
        }
    }
}
