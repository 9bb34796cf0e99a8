package io.tenantwatch.app.kafka;

import io.tenantwatch.app.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node Kafka (KRaft, combined broker and controller) running inside this JVM, for
 * {@code tenantwatch run} and {@code demo} when no cluster is given. The data directory is Kafka's
 * log directory itself: it is formatted once with a fresh cluster id (kept in its
 * {@code meta.properties}), and later starts on the same directory reuse it and its data.
 *
 * <p>Listeners are plain text on 127.0.0.1 only. The caller owns the lifecycle: {@link #close()}
 * shuts down cleanly, so register it in a shutdown hook to survive SIGTERM.
 *
 * <p>Note that Kafka's own fault handlers halt the JVM on a fatal broker or controller fault
 * (disk gone, metadata log corrupt), as a standalone broker would.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final String TRANSACTION_VERSION = "transaction.version";
    private static final short TRANSACTIONS_V1 = 1;

    private final Path dataDir;
    private final String clusterId;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafka(
            Path dataDir, String clusterId, int brokerPort, KafkaRaftServer server, Duration startupTime) {
        this.dataDir = dataDir;
        this.clusterId = clusterId;
        this.brokerPort = brokerPort;
        this.server = server;
        this.startupTime = startupTime;
    }

    /** Starts a broker on {@code dataDir} with free ports and the default settings. */
    public static EmbeddedKafka start(Path dataDir) {
        return builder(dataDir).start();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** {@code 127.0.0.1:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long {@link Builder#start()} took, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed, locks released); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    /** Options of an embedded broker; every port defaults to 0, meaning "pick a free one". */
    public static final class Builder {
        private final Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path dataDir) {
            this.dataDir =
                    Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        }

        /** The client listener's port on 127.0.0.1; 0 picks a free one. */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** The KRaft controller listener's port on 127.0.0.1; 0 picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /** A broker setting that wins over the defaults here (tests shorten timeouts this way). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the data directory if it is new, starts the broker and returns once it is
         * registered and unfenced, i.e. ready for clients.
         *
         * @throws UsageException when the data directory cannot be used or a port is taken
         */
        public EmbeddedKafka start() {
            long started = System.nanoTime();
            prepareDataDir(dataDir);
            // KRaft's static voter list must name the controller's port before anything binds, so a
            // free port is chosen here rather than by binding to port 0.
            int broker = brokerPort == 0 ? freePort() : requireFree(brokerPort, "broker");
            int controller = controllerPort == 0 ? freePort(broker) : requireFree(controllerPort, "controller");
            if (broker == controller) {
                throw new UsageException(
                        "embedded Kafka: broker and controller ports must differ (both " + broker + ")");
            }
            KafkaConfig config = KafkaConfig.fromProps(properties(broker, controller), false);
            String clusterId = existingClusterId(dataDir).orElseGet(() -> format(config));
            KafkaRaftServer server;
            try {
                // The constructor already reads and checks meta.properties and the metadata log.
                server = new KafkaRaftServer(config, Time.SYSTEM);
            } catch (RuntimeException e) {
                throw startFailed(e);
            }
            try {
                server.startup();
            } catch (RuntimeException e) {
                stopQuietly(server);
                throw startFailed(e);
            }
            return new EmbeddedKafka(dataDir, clusterId, broker, server, Duration.ofNanos(System.nanoTime() - started));
        }

        private IllegalStateException startFailed(RuntimeException e) {
            return new IllegalStateException("embedded Kafka failed to start in " + dataDir + ": " + describe(e), e);
        }

        private Properties properties(int broker, int controller) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", String.valueOf(NODE_ID));
            // A static one-voter quorum: nothing about the listeners is written to the metadata
            // log, so a restart may pick different free ports on the same data directory.
            p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controller);
            p.put(
                    "listeners",
                    BROKER_LISTENER + "://" + HOST + ":" + broker + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                            + controller);
            p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + broker);
            p.put(
                    "listener.security.protocol.map",
                    BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            p.put("controller.listener.names", CONTROLLER_LISTENER);
            p.put("inter.broker.listener.name", BROKER_LISTENER);
            p.put("log.dirs", dataDir.toString());

            // One node: every internal topic has one replica, or groups, transactions (hence
            // exactly_once_v2) and share groups fail to find their coordinator.
            p.put("offsets.topic.replication.factor", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            // 50 partitions per internal topic is cluster sizing; on a laptop they only slow the
            // first group join and the first transaction.
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.num.partitions", "1");
            // Nobody else will join: start the first rebalance at once.
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("group.streams.initial.rebalance.delay.ms", "0");
            // Topics come from TopicSetup with their configs (tw.tenancy is compacted); a producer
            // writing first must not create one with the broker's defaults.
            p.put("auto.create.topics.enable", "false");
            // The cleaner's 128 MiB default dedupe buffer is sized for a broker host, not for a
            // process that also runs the detectors.
            p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
            // After a crash (kill -9, power loss) the restarted broker cannot register until the
            // controller expires its previous session; heartbeats never leave this process, so a
            // session shorter than the 9 s default costs nothing and halves that wait.
            p.put("broker.heartbeat.interval.ms", "1000");
            p.put("broker.session.timeout.ms", "4500");
            // A broker that cannot become ready should fail the command, not hang it.
            p.put("server.max.startup.time.ms", "120000");
            p.putAll(overrides);
            return p;
        }
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /** Creates the directory and refuses one that cannot be written or that another broker holds. */
    private static void prepareDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UsageException(
                    "embedded Kafka: cannot create data directory " + dir + " (" + describe(e) + ")", e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UsageException("embedded Kafka: data directory " + dir + " is not a writable directory");
        }
        // Kafka takes this lock at startup too; checking first turns "another process holds it"
        // into one line instead of a broker stack trace.
        Path lockFile = dir.resolve(".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dir);
        } catch (IOException e) {
            throw new UsageException(
                    "embedded Kafka: data directory " + dir + " is not writable (" + describe(e) + ")", e);
        }
    }

    private static UsageException inUse(Path dir) {
        return new UsageException(
                "embedded Kafka: data directory " + dir
                        + " is in use by another Kafka broker (another tenantwatch?); stop it or choose another data directory");
    }

    /** The cluster id of an already formatted directory; empty for a new one. */
    private static Optional<String> existingClusterId(Path dir) {
        try {
            MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(dir.toString()))
                    .addMetadataLogDir(dir.toString())
                    .load();
            if (!ensemble.errorLogDirs().isEmpty()) {
                throw new UsageException(
                        "embedded Kafka: cannot read " + dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
            }
            return ensemble.clusterId();
        } catch (IOException e) {
            throw new UsageException("embedded Kafka: cannot read data directory " + dir + " (" + describe(e) + ")", e);
        }
    }

    /** Formats a new directory the way {@code kafka-storage.sh format} does for a static quorum. */
    private static String format(KafkaConfig config) {
        String clusterId = Uuid.randomUuid().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setDirectories(config.logDirs())
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setHasDynamicQuorum(false)
                // Transactions v1: the exactly-once producers register each partition with the
                // coordinator before writing to it. Under v2 (KIP-890) the broker rejects a
                // transaction's first batch on a partition unless its sequence is 0, and with
                // several batches in flight the later ones come back as OutOfOrderSequenceException
                // (KAFKA-18202): retried, but each retry stalls the commit and logs an error.
                .setFeatureLevel(TRANSACTION_VERSION, TRANSACTIONS_V1)
                // The node is a controller: it starts its metadata log from this snapshot.
                .setWriteBootstrapSnapshot(true);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "embedded Kafka: cannot format data directory " + config.metadataLogDir() + ": " + describe(e), e);
        }
        return clusterId;
    }

    private static int freePort(int... avoid) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                int port = socket.getLocalPort();
                if (Arrays.stream(avoid).noneMatch(a -> a == port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        "embedded Kafka: cannot find a free port on " + HOST + ": " + describe(e), e);
            }
        }
        throw new IllegalStateException("embedded Kafka: cannot find a free port on " + HOST);
    }

    private static int requireFree(int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new UsageException(
                    "embedded Kafka: " + role + " port " + port + " on " + HOST
                            + " is already in use; choose another port or stop the process using it",
                    e);
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException suppressed) {
            // The startup failure is the one worth reporting.
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
