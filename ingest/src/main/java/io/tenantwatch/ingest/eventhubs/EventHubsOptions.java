package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.ingest.ReaderLimits;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Everything the Event Hubs bridge needs.
 *
 * @param hubs             the hubs to read (at least one)
 * @param kafkaProperties  how to reach tenantwatch's own Kafka cluster (bootstrap servers and security
 *                         settings), for the checkpoint store; events go through the caller's writer
 * @param topics           tenantwatch's topics; checkpoints and ownerships live on
 *                         {@link Topics#eventHubsCheckpoints()}, which must exist (compacted)
 * @param processor        the processors' batching, load balancing and start position
 * @param limits           the readers' record and document limits
 * @param preflightTimeout how long {@link EventHubsBridge#start} may spend checking each hub before it
 *                         starts anyway (a hub that does not answer in time is not a configuration error)
 * @param option           how the hubs' settings are named to the user, for messages (e.g. "--eventhubs")
 * @param kafkaEndpointOverrides consumer settings laid over {@link KafkaEndpointConfig}'s for
 *                         {@code transport=kafka} hubs (a proxy's bootstrap address, tests); usually empty
 */
public record EventHubsOptions(
        List<HubBinding> hubs,
        Properties kafkaProperties,
        Topics topics,
        ProcessorSettings processor,
        ReaderLimits limits,
        Duration preflightTimeout,
        String option,
        Properties kafkaEndpointOverrides) {

    public static final String DEFAULT_OPTION = "--eventhubs";

    public EventHubsOptions {
        hubs = List.copyOf(Objects.requireNonNull(hubs, "hubs"));
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        kafkaProperties = copy;
        Objects.requireNonNull(topics, "topics");
        processor = processor == null ? ProcessorSettings.DEFAULTS : processor;
        limits = limits == null ? ReaderLimits.DEFAULTS : limits;
        preflightTimeout = preflightTimeout == null ? Duration.ofSeconds(10) : preflightTimeout;
        option = option == null ? DEFAULT_OPTION : option;
        Properties overrides = new Properties();
        if (kafkaEndpointOverrides != null) {
            overrides.putAll(kafkaEndpointOverrides);
        }
        kafkaEndpointOverrides = overrides;
    }

    /** The defaults for everything but the hubs and the cluster (a plaintext one). */
    public static EventHubsOptions of(List<HubBinding> hubs, String bootstrapServers, Topics topics) {
        return of(hubs, KafkaConnection.plain(bootstrapServers), topics);
    }

    /** The defaults for everything but the hubs and the cluster, reached with {@code kafka}'s settings. */
    public static EventHubsOptions of(List<HubBinding> hubs, KafkaConnection kafka, Topics topics) {
        return new EventHubsOptions(hubs, kafka.properties(), topics, null, null, null, null, null);
    }

    public EventHubsOptions withProcessor(ProcessorSettings settings) {
        return new EventHubsOptions(
                hubs, kafkaProperties, topics, settings, limits, preflightTimeout, option, kafkaEndpointOverrides);
    }

    public EventHubsOptions withPreflightTimeout(Duration timeout) {
        return new EventHubsOptions(
                hubs, kafkaProperties, topics, processor, limits, timeout, option, kafkaEndpointOverrides);
    }

    public EventHubsOptions withKafkaEndpointOverrides(Properties overrides) {
        return new EventHubsOptions(
                hubs, kafkaProperties, topics, processor, limits, preflightTimeout, option, overrides);
    }

    /** The consumer settings of a {@code transport=kafka} hub: {@link KafkaEndpointConfig}'s, then the overrides. */
    Properties kafkaEndpointProperties(HubBinding binding) {
        Properties p = KafkaEndpointConfig.consumerProperties(binding, processor);
        p.putAll(kafkaEndpointOverrides);
        return p;
    }

    /**
     * Checks every hub's settings, without connecting to anything.
     *
     * @return the options with every binding complete (namespace and hub filled from connection strings)
     * @throws ConfigException every problem of every hub, one line each naming the option, the hub and the problem
     */
    public EventHubsOptions validate() throws ConfigException {
        if (hubs.isEmpty()) {
            throw ConfigException.of(option, "no Event Hub given");
        }
        ConfigProblems problems = new ConfigProblems(option);
        List<HubBinding> valid = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++) {
            HubBinding b = hubs.get(i);
            String label = option + " "
                    + (b.eventHub() != null && !b.eventHub().isBlank()
                            ? b.eventHub().strip()
                            : "#" + (i + 1));
            HubBinding checked;
            try {
                checked = b.validate(label);
            } catch (ConfigException e) {
                problems.addAll(e);
                continue;
            }
            if (valid.stream().anyMatch(earlier -> earlier.sameReader(checked))) {
                problems.part(label)
                        .add(
                                null,
                                "hub " + checked.eventHub() + " with consumer group " + checked.consumerGroup()
                                        + " is given twice");
            } else {
                valid.add(checked);
            }
        }
        problems.throwIfAny();
        if (kafkaProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("kafkaProperties need bootstrap.servers");
        }
        return new EventHubsOptions(
                valid, kafkaProperties, topics, processor, limits, preflightTimeout, option, kafkaEndpointOverrides);
    }

    /** The label of a validated binding in messages. */
    String label(HubBinding binding) {
        return option + " " + binding.eventHub();
    }
}
