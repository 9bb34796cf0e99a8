package io.tenantwatch.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The audit and Falco receivers (docs/formats.md, "Command-line contract"): {@code POST /v1/audit[/{cluster}]}
 * and {@code POST /v1/falco[/{cluster}]} on an {@link HttpListener}, with bearer tokens, a body
 * limit, and 503 + Retry-After when Kafka or the request threads cannot keep up. A sender has
 * {@link HttpListener#HEADER_TIMEOUT} to deliver its request line and headers, read without holding
 * a thread, before its token is checked; only then may it take the body timeout. Health and
 * metrics endpoints live elsewhere (the app's metrics port).
 *
 * <p>The writer is the caller's: stopping the server does not close it.
 */
public final class ReceiverServer implements AutoCloseable {

    private final ReceiverConfig config;
    private final ReceiverHandler handler;
    private final MeterRegistry registry;
    private HttpListener listener;
    private boolean stopped;

    /**
     * @param config   where and how to listen
     * @param reader   the shared reader (its limits apply to each record and to the whole body, so its
     *                 document limit must be at least {@link ReceiverConfig#maxBodyBytes()})
     * @param writer   where the records go; the server does not close it
     * @param registry the meters' registry
     */
    public ReceiverServer(ReceiverConfig config, InputReader reader, EventWriter writer, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(reader, "reader");
        // Otherwise bodies between the two limits would pass the receiver only to be refused whole.
        if (config.maxBodyBytes() > reader.limits().maxDocumentBytes()) {
            // The caller's mistake, not the operator's: no option sets the reader's limits apart.
            throw new IllegalArgumentException("receiver body limit of " + config.maxBodyBytes()
                    + " bytes exceeds the reader's document limit of "
                    + reader.limits().maxDocumentBytes()
                    + " bytes; raise ReaderLimits.maxDocumentBytes to match");
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        this.handler = new ReceiverHandler(
                config, reader, Objects.requireNonNull(writer, "writer"), new ReceiverMetrics(registry));
    }

    /**
     * Binds and starts serving.
     *
     * @throws ConfigException when the TLS files cannot be used or the address cannot be bound
     */
    public synchronized void start() {
        if (listener != null || stopped) {
            throw new IllegalStateException("a receiver server starts once");
        }
        SSLContext ssl = config.tls() == null
                ? null
                : PemSslContext.load(config.tls().certFile(), config.tls().keyFile());
        // Threads for every request being served or waiting its turn, and a few to answer 503 at once.
        int threads = config.threads() + config.queueCapacity() + 4;
        HttpListener.Settings settings =
                HttpListener.Settings.of("receiver", config.effectiveBindAddress(), config.port(), ssl, threads);
        try {
            listener = HttpListener.start(settings, handler, registry);
        } catch (IOException e) {
            throw ConfigException.of(
                    ReceiverConfig.SOURCE,
                    "cannot listen on " + config.effectiveBindAddress() + ":" + config.port() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The bound port (useful with port 0). */
    public synchronized int port() {
        return started().port();
    }

    public synchronized InetSocketAddress address() {
        return started().address();
    }

    private HttpListener started() {
        if (listener == null) {
            throw new IllegalStateException("the receiver server is not started");
        }
        return listener;
    }

    public boolean tls() {
        return config.tls() != null;
    }

    /** Replaces the accepted tokens at once (e.g. after the token file changed); requests in flight keep theirs. */
    public void tokens(BearerTokens tokens) {
        if (tokens == null || tokens.isEmpty()) {
            new ConfigProblems(ReceiverConfig.SOURCE)
                    .add("tokens", ReceiverConfig.NO_TOKENS)
                    .throwIfAny();
        }
        handler.tokens(tokens);
    }

    /**
     * Stops: new requests get 503 while those under way get up to {@code grace} to finish, then the
     * port is closed. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (listener == null) {
            return;
        }
        handler.stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (handler.active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        listener.close();
        listener = null;
        stopped = true;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
