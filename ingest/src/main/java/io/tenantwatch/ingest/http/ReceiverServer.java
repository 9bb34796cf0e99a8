package io.tenantwatch.ingest.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.kafka.EventWriter;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The audit and Falco receivers (docs/formats.md, "Command-line contract"): {@code POST /v1/audit[/{cluster}]}
 * and {@code POST /v1/falco[/{cluster}]} on an {@link HttpListener}, with bearer tokens, a body
 * limit, and 503 + Retry-After when Kafka or the request threads cannot keep up. A sender has
 * {@link HttpListener#HEADER_TIMEOUT} to deliver its request line and headers, read without holding
 * a thread, before its token is checked; only then may it take the body timeout. Health and
 * metrics endpoints live elsewhere (the app's metrics port).
 *
 * <p>The TLS certificate and key and the token files are read again when they change (every
 * {@link #RELOAD_INTERVAL}; see {@link ReceiverReloader}), without dropping a connection. The
 * serving certificate's expiry is published as
 * {@code tenantwatch_receiver_certificate_expiry_seconds{listener="receiver"}} (Unix time).
 *
 * <p>The writer is the caller's: stopping the server does not close it.
 */
public final class ReceiverServer implements AutoCloseable {

    /** How often the TLS and token files are looked at; a Secret volume takes a minute to change anyway. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);

    static final String CERTIFICATE_EXPIRY = "tenantwatch.receiver.certificate.expiry";
    private static final String LISTENER = "receiver";

    private final ReceiverConfig config;
    private final ReceiverHandler handler;
    private final MeterRegistry registry;
    /** Volatile: the reloader's thread reads it. */
    private volatile HttpListener listener;

    private ReceiverReloader reloader;
    private Duration reloadInterval = RELOAD_INTERVAL;
    /** The certificate's notAfter in Unix seconds; the gauge reads it (and holds it only weakly). */
    private final AtomicLong certificateExpiry = new AtomicLong();

    private volatile BearerTokens tokens;
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
        this.tokens = config.tokens();
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
        ReceiverReloader watching = watchFiles();
        try {
            SSLContext ssl = config.tls() == null ? null : useCertificate(null).context();
            // Threads for every request being served or waiting its turn, and a few to answer 503 at once.
            int threads = config.threads() + config.queueCapacity() + 4;
            HttpListener.Settings settings =
                    HttpListener.Settings.of(LISTENER, config.effectiveBindAddress(), config.port(), ssl, threads);
            listener = HttpListener.start(settings, handler, registry);
        } catch (IOException e) {
            watching.close();
            throw ConfigException.of(
                    ReceiverConfig.SOURCE,
                    "cannot listen on " + config.effectiveBindAddress() + ":" + config.port() + ": " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            watching.close();
            throw e;
        }
        reloader = watching.start(reloadInterval);
    }

    /** Takes the files' content before they are first read, so that a change in between is not missed. */
    private ReceiverReloader watchFiles() {
        List<ReceiverReloader.Reloadable> reloadables = new ArrayList<>();
        if (!tokens.files().isEmpty()) {
            reloadables.add(new ReceiverReloader.Reloadable("tokens", tokens.files(), this::reloadTokens));
        }
        if (config.tls() != null) {
            reloadables.add(new ReceiverReloader.Reloadable(
                    "certificate",
                    List.of(config.tls().certFile(), config.tls().keyFile()),
                    () -> describe(useCertificate(started()).leaf())));
        }
        return new ReceiverReloader(reloadables, registry);
    }

    /**
     * Reads the TLS files and puts them in use: on {@code serving} (a running listener) for new
     * handshakes, and in the expiry gauge.
     *
     * @throws ConfigException when they cannot be used; nothing has changed then
     */
    private PemSslContext.Serving useCertificate(HttpListener serving) {
        PemSslContext.Serving loaded =
                PemSslContext.serving(config.tls().certFile(), config.tls().keyFile());
        if (serving != null) {
            serving.reloadTls(loaded.context());
        }
        certificateExpiry.set(loaded.leaf().getNotAfter().toInstant().getEpochSecond());
        if (serving == null) {
            Gauge.builder(CERTIFICATE_EXPIRY, certificateExpiry, AtomicLong::get)
                    .description("When the receivers' serving TLS certificate expires, as Unix time")
                    .baseUnit("seconds")
                    .tag("listener", LISTENER)
                    .register(registry);
        }
        return loaded;
    }

    private static String describe(X509Certificate leaf) {
        return "serial " + leaf.getSerialNumber().toString(16) + ", subject "
                + leaf.getSubjectX500Principal().getName() + ", expires "
                + leaf.getNotAfter().toInstant();
    }

    private String reloadTokens() {
        BearerTokens fresh = tokens.reread();
        tokens(fresh);
        return fresh.size() + " token(s) accepted";
    }

    /** Looks at the TLS and token files this often (tests look more often); before {@link #start}. */
    synchronized ReceiverServer reloadEvery(Duration interval) {
        reloadInterval = Objects.requireNonNull(interval, "interval");
        return this;
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
        this.tokens = tokens;
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
        if (reloader != null) {
            reloader.close();
            reloader = null;
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
