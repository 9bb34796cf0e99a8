package io.tenantwatch.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP listening port, for the receivers and for the metrics and probe endpoints. It is built
 * so that connections that send nothing, or trickle their request line and headers, cannot starve
 * anyone: requests are read without blocking (Jetty's selector), so no thread waits for a slow
 * sender before its request is complete; a new connection must deliver its first request's
 * headers within {@link Settings#headerTimeout}, a connection silent for
 * {@link Settings#idleTimeout} is closed, headers are limited in size, and each peer address may
 * hold only so many connections at once. Connections closed for these reasons are counted in
 * {@code tenantwatch_http_connections_refused_total{listener,reason}} ({@code per-peer},
 * {@code total}, {@code header-timeout}).
 */
public final class HttpListener implements AutoCloseable {

    static final String REFUSED_METRIC = "tenantwatch.http.connections.refused";
    /** How long a new connection may take to deliver its first request's headers (no thread waits meanwhile). */
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Silence allowed between requests on a kept-alive connection (Go's clients keep theirs 90 s; they reconnect). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param name               the listener's name: thread names and the metric's {@code listener} label
     * @param bindAddress        the address to listen on
     * @param port               the port; 0 picks a free one
     * @param tls                the TLS context, or null for plain HTTP
     * @param threads            request threads (handlers run on them; selector and acceptor come on top)
     * @param idleTimeout        how long a connection may send nothing (between requests, say)
     * @param headerTimeout      how long a new connection may take to deliver its first request's
     *                           line and headers
     * @param maxHeaderBytes     the request line and headers together
     * @param maxConnectionsPerPeer connections one remote address may hold open at once
     * @param maxConnections     connections open at once, all peers together
     */
    public record Settings(
            String name,
            String bindAddress,
            int port,
            SSLContext tls,
            int threads,
            Duration idleTimeout,
            Duration headerTimeout,
            int maxHeaderBytes,
            int maxConnectionsPerPeer,
            int maxConnections) {
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            if (threads < 1
                    || maxHeaderBytes < 1024
                    || maxConnectionsPerPeer < 1
                    || maxConnections < maxConnectionsPerPeer) {
                throw new IllegalArgumentException("invalid listener settings " + this);
            }
        }

        /** Defaults for a listener of {@code threads} request threads. */
        public static Settings of(String name, String bindAddress, int port, SSLContext tls, int threads) {
            return new Settings(
                    name, bindAddress, port, tls, threads, IDLE_TIMEOUT, HEADER_TIMEOUT, 16 * 1024, 16, 1024);
        }

        public Settings withConnectionLimits(int perPeer, int total) {
            return new Settings(
                    name, bindAddress, port, tls, threads, idleTimeout, headerTimeout, maxHeaderBytes, perPeer, total);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    /** Null for plain HTTP. */
    private final SslContextFactory.Server tls;

    private HttpListener(Server server, ServerConnector connector, SslContextFactory.Server tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    /**
     * Binds and starts serving {@code handler}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static HttpListener start(Settings settings, Handler handler, MeterRegistry registry) throws IOException {
        // Selector and acceptor threads come out of the same pool: room for them on top of the requests.
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads() + 4, 2);
        pool.setName("tw-" + settings.name());
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server server = new Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        ServerConnector connector;
        SslContextFactory.Server tls = null;
        if (settings.tls() == null) {
            connector = new ServerConnector(server, 1, 1, plain);
        } else {
            http.addCustomizer(new SecureRequestCustomizer(false));
            tls = new SslContextFactory.Server();
            tls.setSslContext(settings.tls());
            tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            tls.setNeedClientAuth(false);
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, plain.getProtocol()), plain);
        }
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        PeerLimits limits = new PeerLimits(settings, registry);
        connector.addEventListener(limits);
        server.addConnector(connector);
        server.setHandler(new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                limits.requestArrived(request.getConnectionMetaData().getRemoteSocketAddress());
                return super.handle(request, response, callback);
            }
        });
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
        return new HttpListener(server, connector, tls);
    }

    /**
     * Serves new handshakes with {@code context} from now on. Connections already open keep the
     * session they negotiated, so a renewed certificate drops no sender.
     *
     * @throws IllegalStateException on a plain HTTP listener
     */
    public void reloadTls(SSLContext context) {
        if (tls == null) {
            throw new IllegalStateException("a plain HTTP listener has no TLS to reload");
        }
        try {
            tls.reload(factory -> factory.setSslContext(context));
        } catch (Exception e) {
            throw new IllegalStateException("cannot swap the TLS context: " + e.getMessage(), e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(connector.getHost()), port());
        } catch (IOException e) {
            return InetSocketAddress.createUnresolved(connector.getHost(), port());
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing left to do about it
        }
    }

    /**
     * Closes a connection on arrival when its peer, or everyone together, holds too many already,
     * and a new connection whose first request has not arrived within the header timeout.
     */
    private static final class PeerLimits implements Connection.Listener {
        private final Settings settings;
        private final Map<InetAddress, AtomicInteger> perPeer = new ConcurrentHashMap<>();
        private final AtomicInteger total = new AtomicInteger();
        private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
        /** Sockets still waiting for their first request, by remote address (unique per socket). */
        private final Map<SocketAddress, EndPoint> awaitingFirstRequest = new ConcurrentHashMap<>();

        private final Counter refusedPerPeer;
        private final Counter refusedTotal;
        private final Counter headerTimeouts;

        PeerLimits(Settings settings, MeterRegistry registry) {
            this.settings = settings;
            this.refusedPerPeer = refused(registry, settings, "per-peer");
            this.refusedTotal = refused(registry, settings, "total");
            this.headerTimeouts = refused(registry, settings, "header-timeout");
        }

        private static Counter refused(MeterRegistry registry, Settings settings, String reason) {
            return Counter.builder(REFUSED_METRIC)
                    .description("Connections closed by the listener: too many at once, or no request in time")
                    .tag("listener", settings.name())
                    .tag("reason", reason)
                    .register(registry);
        }

        @Override
        public void onOpened(Connection connection) {
            // Count sockets, not protocol layers: with TLS, the HTTP connection runs on the TLS
            // connection's decrypted end point, and only the TLS connection sits on the socket.
            if (!(connection.getEndPoint() instanceof SocketChannelEndPoint socket)
                    || !(socket.getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
                return;
            }
            InetAddress peer = remote.getAddress();
            int mine = perPeer.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
            int all = total.incrementAndGet();
            counted.put(connection, peer);
            if (mine > settings.maxConnectionsPerPeer()) {
                refusedPerPeer.increment();
                socket.close();
                return;
            }
            if (all > settings.maxConnections()) {
                refusedTotal.increment();
                socket.close();
                return;
            }
            awaitingFirstRequest.put(remote, socket);
            ConnectionTimer.TIMER.schedule(
                    () -> {
                        EndPoint late = awaitingFirstRequest.remove(remote);
                        if (late != null && late.isOpen()) {
                            headerTimeouts.increment();
                            late.close();
                        }
                    },
                    settings.headerTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        void requestArrived(SocketAddress remote) {
            if (remote != null) {
                awaitingFirstRequest.remove(remote);
            }
        }

        @Override
        public void onClosed(Connection connection) {
            InetAddress peer = counted.remove(connection);
            if (peer == null) {
                return;
            }
            awaitingFirstRequest.remove(connection.getEndPoint().getRemoteSocketAddress());
            total.decrementAndGet();
            perPeer.computeIfPresent(peer, (p, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }
}
