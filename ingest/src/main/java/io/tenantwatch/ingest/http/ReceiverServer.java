package io.tenantwatch.ingest.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.EventWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The audit and Falco receivers (docs/formats.md, "Command-line contract"): {@code POST /v1/audit[/{cluster}]}
 * and {@code POST /v1/falco[/{cluster}]} on the JDK's HTTP(S) server, with bearer tokens, a body
 * limit, and 503 + Retry-After when Kafka or the request threads cannot keep up. Health and metrics
 * endpoints live elsewhere (the app's metrics port).
 *
 * <p>The writer is the caller's: stopping the server does not close it.
 */
public final class ReceiverServer implements AutoCloseable {

    /** How long a request may take to arrive, unless the JVM was started with its own value. */
    private static final String MAX_REQUEST_SECONDS = "60";

    private final ReceiverConfig config;
    private final ReceiverHandler handler;
    private HttpServer server;
    private SheddingExecutor executor;
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
            throw new ReceiverConfigException("receiver body limit of " + config.maxBodyBytes()
                    + " bytes exceeds the reader's document limit of " + reader.limits().maxDocumentBytes()
                    + " bytes; raise ReaderLimits.maxDocumentBytes to match");
        }
        this.handler = new ReceiverHandler(config, reader,
                Objects.requireNonNull(writer, "writer"), new ReceiverMetrics(Objects.requireNonNull(registry, "registry")));
    }

    /**
     * Binds and starts serving.
     *
     * @throws ReceiverConfigException when the TLS files cannot be used or the address cannot be bound
     */
    public synchronized void start() {
        if (server != null || stopped) {
            throw new IllegalStateException("a receiver server starts once");
        }
        // A sender that trickles its request line and headers holds a request thread before any
        // handler runs; only the JDK's own limit reaches there. It reads it once, when its first
        // server is made, so it is set only where nobody has (a body is timed by BodyDeadline).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        }
        SSLContext ssl = config.tls() == null ? null
                : PemSslContext.load(config.tls().certFile(), config.tls().keyFile());
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(config.effectiveBindAddress()), config.port());
        } catch (IOException e) {
            throw new ReceiverConfigException("cannot resolve receiver bind address " + config.effectiveBindAddress(), e);
        }
        HttpServer created;
        try {
            if (ssl == null) {
                created = HttpServer.create(address, 256);
            } else {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(new Configurator(ssl));
                created = https;
            }
        } catch (IOException e) {
            throw new ReceiverConfigException("cannot listen for receivers on " + address + ": " + e.getMessage(), e);
        }
        executor = new SheddingExecutor(config.threads(), config.queueCapacity(), "tw-receiver");
        created.setExecutor(executor);
        created.createContext("/", handler);
        created.start();
        server = created;
    }

    /** The bound port (useful with port 0). */
    public synchronized int port() {
        return address().getPort();
    }

    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the receiver server is not started");
        }
        return server.getAddress();
    }

    public boolean tls() {
        return config.tls() != null;
    }

    /** Replaces the accepted tokens at once (e.g. after the token file changed); requests in flight keep theirs. */
    public void tokens(BearerTokens tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw new ReceiverConfigException("the receivers need at least one bearer token");
        }
        handler.tokens(tokens);
    }

    /**
     * Stops: new requests get 503 while those under way get up to {@code grace} to finish, then the
     * port is closed. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (server == null) {
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
        // Zero: the JDK 17 server would otherwise wait the whole delay even when idle.
        server.stop(0);
        executor.shutdown(Duration.ofSeconds(1));
        server = null;
        stopped = true;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /** TLS 1.2 and 1.3 only; no client certificates (senders authenticate with bearer tokens). */
    private static final class Configurator extends HttpsConfigurator {
        Configurator(SSLContext context) {
            super(context);
        }

        @Override
        public void configure(HttpsParameters params) {
            SSLParameters p = getSSLContext().getDefaultSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            p.setNeedClientAuth(false);
            params.setSSLParameters(p);
        }
    }
}
