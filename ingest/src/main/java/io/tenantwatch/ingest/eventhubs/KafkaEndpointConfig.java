package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.schemas.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumer settings that read a hub through its namespace's Kafka endpoint: port 9093,
 * SASL_SSL with mechanism PLAIN, user name {@code $ConnectionString} and the connection string as
 * password; the hub is the topic, and the consumer group a Kafka consumer group of the namespace.
 * Timeouts follow Microsoft's recommendations for Event Hubs (the service drops connections idle
 * for 240 s, and needs request timeouts of at least 60 s and session timeouts of at least 30 s).
 */
public final class KafkaEndpointConfig {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEndpointConfig.class);
    public static final int PORT = 9093;

    private KafkaEndpointConfig() {}

    /** @param binding a validated binding with a connection string */
    public static Properties consumerProperties(HubBinding binding) {
        return consumerProperties(binding, ProcessorSettings.DEFAULTS);
    }

    public static Properties consumerProperties(HubBinding binding, ProcessorSettings settings) {
        ConnectionString cs = binding.connectionString();
        if (cs == null) {
            throw new IllegalArgumentException("the Kafka endpoint needs a connection string");
        }
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, binding.fullyQualifiedNamespace() + ":" + PORT);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"$ConnectionString\" password=\"" + jaasQuoted(cs.value()) + "\";");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, binding.consumerGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                settings.startPosition() == ProcessorSettings.StartPosition.EARLIEST ? "earliest" : "latest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxBatchSize()));
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
        p.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, "180000");
        p.put(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG, "180000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenantwatch-" + binding.eventHub());
        return p;
    }

    /** Inside a JAAS double-quoted value, a backslash and a double quote are escaped. */
    private static String jaasQuoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Connects once and asks for the hub's partitions: a refused connection string or a missing hub
     * is a configuration error; no answer in time is not.
     *
     * @throws ConfigException naming {@code label}
     */
    static void check(HubBinding binding, Properties properties, String label, Duration timeout) {
        Properties p = new Properties();
        p.putAll(properties);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(binding.eventHub(), timeout);
            if (partitions == null || partitions.isEmpty()) {
                throw missing(binding, label);
            }
        } catch (UnknownTopicOrPartitionException e) {
            throw missing(binding, label);
        } catch (SaslAuthenticationException e) {
            throw ConfigException.of(
                    label,
                    "the Kafka endpoint of " + binding.fullyQualifiedNamespace()
                            + " refused the connection string (SASL PLAIN)");
        } catch (AuthorizationException e) {
            throw ConfigException.of(
                    label,
                    "not authorized to read hub '" + binding.eventHub()
                            + "' (the connection string's policy needs the Listen right)");
        } catch (TimeoutException e) {
            LOG.warn("{}: the Kafka endpoint did not answer within {} s; starting anyway", label, timeout.toSeconds());
        }
    }

    private static ConfigException missing(HubBinding binding, String label) {
        return ConfigException.of(
                label,
                "hub '" + binding.eventHub() + "' does not exist in namespace " + binding.fullyQualifiedNamespace());
    }
}
