package io.tenantwatch.schemas;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every Kafka client of tenantwatch reaches the cluster: the bootstrap servers and the
 * connection settings of {@code --kafka-config} (TLS, SASL, timeouts), applied alike to the admin
 * client, the producers, the consumers and Kafka Streams.
 *
 * <p>Only connection and security settings are taken: anything that changes how tenantwatch uses
 * Kafka (group ids, transactions, serializers, acks) is its own and refused with the key named.
 * Values may hold secrets (a JAAS password, a key-store password): {@link #toString()} shows the
 * keys only, and no message of this class carries a value. Kafka's config providers work as in any
 * client ({@code config.providers=env} and {@code ${env:VAR}}), so a secret need not be in the file.
 *
 * @param bootstrapServers the cluster's bootstrap servers
 * @param settings         client settings laid over every client's own (may be empty)
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> settings) {

    /** Keys taken as they are. */
    static final List<String> KEYS = List.of(
            "security.protocol",
            "client.dns.lookup",
            "connections.max.idle.ms",
            "request.timeout.ms",
            "socket.connection.setup.timeout.ms",
            "socket.connection.setup.timeout.max.ms",
            "reconnect.backoff.ms",
            "reconnect.backoff.max.ms",
            "retry.backoff.ms",
            "retry.backoff.max.ms",
            "metadata.max.age.ms",
            "receive.buffer.bytes",
            "send.buffer.bytes");
    /** Families of keys taken as they are. */
    static final List<String> PREFIXES = List.of("sasl.", "ssl.", "config.providers");

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no bootstrap servers");
        }
        settings = settings == null ? Map.of() : Map.copyOf(new TreeMap<>(settings));
        for (String key : settings.keySet()) {
            String problem = settingProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException("'" + key + "' is " + problem);
            }
        }
    }

    /** Why {@code key} cannot be a setting of the connection ("not a connection setting…"), or null when it can. */
    public static String settingProblem(String key) {
        if (allowed(key)) {
            return null;
        }
        return "not a connection setting tenantwatch takes"
                + ("bootstrap.servers".equals(key) ? " (give --bootstrap-servers)" : "")
                + "; the file may set security.protocol, sasl.*, ssl.*, config.providers* and connection timeouts";
    }

    /** A cluster reached in plaintext with every client's defaults (the embedded broker, tests). */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** Reads the settings from a properties file's entries. */
    public static KafkaConnection of(String bootstrapServers, Properties file) {
        Map<String, String> settings = new TreeMap<>();
        file.stringPropertyNames()
                .forEach(k -> settings.put(k.strip(), file.getProperty(k).strip()));
        return new KafkaConnection(bootstrapServers, settings);
    }

    static boolean allowed(String key) {
        if (KEYS.contains(key)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A new {@code Properties} with the bootstrap servers and the settings, for a client to add its own to. */
    public Properties properties() {
        Properties p = new Properties();
        applyTo(p);
        return p;
    }

    /** Lays the bootstrap servers and the settings over {@code client}'s properties. */
    public Properties applyTo(Properties client) {
        client.put("bootstrap.servers", bootstrapServers);
        client.putAll(settings);
        return client;
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + (settings.isEmpty() ? "" : ", settings " + settings.keySet())
                + "]";
    }
}
