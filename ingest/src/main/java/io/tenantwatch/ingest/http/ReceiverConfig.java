package io.tenantwatch.ingest.http;

import io.tenantwatch.schemas.ClusterNames;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the receivers listen (docs/formats.md, "Command-line contract", {@code tenantwatch run}).
 * Start from {@link #defaults} and change what the command line says with the {@code with…} methods.
 * Settings that cannot work raise a {@link ConfigException} naming every one of them
 * ({@code receivers: port: must be 0-65535, was 70000}).
 *
 * @param bindAddress          the address to listen on; null means 127.0.0.1 without TLS (plain
 *                             HTTP carries bearer tokens in clear, so it stays on this host) and
 *                             every interface with TLS
 * @param port                 the port; 0 picks a free one (see {@link ReceiverServer#port()})
 * @param defaultCluster       the cluster of {@code /v1/audit} and {@code /v1/falco} (no cluster in the path)
 * @param clustersByResourceId ARM resource id → cluster name for AKS records (may be empty)
 * @param tokens               accepted bearer tokens; at least one: the receivers are never open
 * @param tls                  certificate and key PEM files, or null for plain HTTP
 * @param maxBodyBytes         request bodies larger than this are refused with 413
 * @param threads              request threads (reading, parsing and waiting for Kafka)
 * @param queueCapacity        requests that may wait for a thread; past that they get 503 at once
 * @param writeTimeout         how long a request waits for Kafka's acknowledgement before 503
 * @param retryAfter           the {@code Retry-After} of a 503
 * @param bodyTimeout          how long a sender may take to deliver its body once the headers are in;
 *                             past that the connection is closed, so senders that trickle their
 *                             bytes cannot hold every request thread
 */
public record ReceiverConfig(
        String bindAddress,
        int port,
        String defaultCluster,
        Map<String, String> clustersByResourceId,
        BearerTokens tokens,
        Tls tls,
        int maxBodyBytes,
        int threads,
        int queueCapacity,
        Duration writeTimeout,
        Duration retryAfter,
        Duration bodyTimeout) {

    public static final int DEFAULT_PORT = 8443;
    /** The API server batches up to 400 events per webhook call (docs/formats.md). */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;
    /** Bodies are held in memory whole: a bigger limit is a mistake. */
    public static final int MAX_BODY_BYTES_CEILING = 1 << 30;

    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    /** 16 MiB arrive in well under a second on any link an API server uses; a minute is generous. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);

    /** PEM files: the certificate (chain, leaf first) and its unencrypted private key. */
    public record Tls(Path certFile, Path keyFile) {
        public Tls {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }

    /** The source that messages about these settings name. */
    static final String SOURCE = "receivers";

    /** @throws ConfigException naming every setting that cannot work */
    public ReceiverConfig {
        ConfigProblems problems = new ConfigProblems(SOURCE);
        if (port < 0 || port > 65535) {
            problems.add("port", "must be 0-65535, was " + port);
        }
        if (defaultCluster == null || !Route.isValidCluster(defaultCluster)) {
            problems.add(
                    "defaultCluster", "'" + defaultCluster + "' is not a cluster name (" + ClusterNames.RULE + ")");
        }
        clustersByResourceId = clustersByResourceId == null ? Map.of() : Map.copyOf(clustersByResourceId);
        if (tokens == null || tokens.isEmpty()) {
            problems.add("tokens", NO_TOKENS + " (TW_RECEIVER_TOKENS or --token-file)");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_CEILING) {
            problems.add("maxBodyBytes", "must be 1 to " + MAX_BODY_BYTES_CEILING + " bytes, was " + maxBodyBytes);
        }
        if (threads < 1) {
            problems.add("threads", "must be at least 1, was " + threads);
        }
        if (queueCapacity < 0) {
            problems.add("queueCapacity", "must not be negative, was " + queueCapacity);
        }
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            problems.add("writeTimeout", "must be positive");
        }
        bodyTimeout = bodyTimeout == null ? DEFAULT_BODY_TIMEOUT : bodyTimeout;
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            problems.add("bodyTimeout", "must be positive");
        }
        problems.throwIfAny();
    }

    /** Why receivers without a token are refused. */
    static final String NO_TOKENS = "none given; the receivers need at least one bearer token";

    public static ReceiverConfig defaults(String defaultCluster, BearerTokens tokens) {
        return new ReceiverConfig(
                null,
                DEFAULT_PORT,
                defaultCluster,
                Map.of(),
                tokens,
                null,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_THREADS,
                DEFAULT_QUEUE_CAPACITY,
                DEFAULT_WRITE_TIMEOUT,
                DEFAULT_RETRY_AFTER,
                DEFAULT_BODY_TIMEOUT);
    }

    /** The address actually bound: {@link #bindAddress} if set, else by TLS (see the record's doc). */
    public String effectiveBindAddress() {
        if (bindAddress != null && !bindAddress.isBlank()) {
            return bindAddress;
        }
        return tls != null ? "0.0.0.0" : "127.0.0.1";
    }

    public ReceiverConfig withBindAddress(String address) {
        return new ReceiverConfig(
                address,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withPort(int newPort) {
        return new ReceiverConfig(
                bindAddress,
                newPort,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withClustersByResourceId(Map<String, String> map) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                map,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withTls(Path certFile, Path keyFile) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                new Tls(certFile, keyFile),
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withMaxBodyBytes(int bytes) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                bytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withThreads(int newThreads, int newQueueCapacity) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                newThreads,
                newQueueCapacity,
                writeTimeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withWriteTimeout(Duration timeout) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                timeout,
                retryAfter,
                bodyTimeout);
    }

    public ReceiverConfig withRetryAfter(Duration after) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                after,
                bodyTimeout);
    }

    public ReceiverConfig withBodyTimeout(Duration timeout) {
        return new ReceiverConfig(
                bindAddress,
                port,
                defaultCluster,
                clustersByResourceId,
                tokens,
                tls,
                maxBodyBytes,
                threads,
                queueCapacity,
                writeTimeout,
                retryAfter,
                timeout);
    }
}
