package io.tenantwatch.alerting.sinks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) receiver behind authentication, as Splunk HEC, Elastic, Mimir or an auth proxy
 * are: a request without every expected header value gets 401 (with {@code WWW-Authenticate}), one
 * with them 200. It records the paths of the requests it let through.
 */
final class GuardedReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final String scheme;
    private volatile Map<String, String> required;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    private GuardedReceiver(HttpServer server, String scheme, Map<String, String> required) {
        this.server = server;
        this.scheme = scheme;
        this.required = required;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Plain HTTP, requiring these header values (name → exact value). */
    static GuardedReceiver http(Map<String, String> required) throws IOException {
        return new GuardedReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16), "http", required);
    }

    /** HTTPS with this server context (a certificate of a private CA). */
    static GuardedReceiver https(SSLContext tls, Map<String, String> required) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new GuardedReceiver(server, "https", required);
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What it requires from now on (the receiver's side of a credential rotation). */
    void require(Map<String, String> headers) {
        required = headers;
    }

    List<String> acceptedPaths() {
        return List.copyOf(accepted);
    }

    List<Integer> answers() {
        return List.copyOf(answers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readNBytes(1 << 20);
            boolean ok = required.entrySet().stream().allMatch(e -> e.getValue()
                    .equals(exchange.getRequestHeaders().getFirst(e.getKey())));
            int status = ok ? 200 : 401;
            if (ok) {
                accepted.add(exchange.getRequestURI().getPath());
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            }
            answers.add(status);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
