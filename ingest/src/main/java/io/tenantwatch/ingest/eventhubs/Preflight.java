package io.tenantwatch.ingest.eventhubs;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.AmqpTransportType;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubConsumerAsyncClient;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every hub once before the processors start, so that a configuration mistake ends the
 * command within seconds with one line, instead of an endless stream of retried errors: the
 * namespace must resolve, the hub must exist, the credential must be accepted. Hubs are checked in
 * parallel, and every hub that cannot work is reported, in the order given. A hub that does not answer within the timeout is not a configuration error (the
 * network may be slow to come up): it is logged and the bridge starts anyway.
 */
final class Preflight {

    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private Preflight() {}

    /** @throws ConfigException one line for each hub that cannot work, in the order given */
    static void check(EventHubsOptions options) throws ConfigException {
        List<HubBinding> hubs = options.hubs();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(hubs.size(), 8), r -> {
            Thread t = new Thread(r, "tw-eventhubs-preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<ConfigException>> checks = new ArrayList<>();
            for (HubBinding b : hubs) {
                checks.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                check(b, options, options.label(b), options.preflightTimeout());
                                return null;
                            } catch (ConfigException e) {
                                return e;
                            }
                        },
                        pool));
            }
            ConfigProblems problems = new ConfigProblems(options.option());
            for (CompletableFuture<ConfigException> c : checks) {
                ConfigException problem = c.join();
                if (problem != null) {
                    problems.addAll(problem);
                }
            }
            problems.throwIfAny();
        } finally {
            pool.shutdownNow();
        }
    }

    static void check(HubBinding b, EventHubsOptions options, String label, Duration timeout) throws ConfigException {
        try {
            InetAddress.getAllByName(b.fullyQualifiedNamespace());
        } catch (UnknownHostException e) {
            throw ConfigException.of(
                    label,
                    "namespace '" + b.fullyQualifiedNamespace()
                            + "' does not resolve (no such Event Hubs namespace, or no DNS)");
        }
        if (b.transport() == HubTransport.KAFKA) {
            KafkaEndpointConfig.check(b, options.kafkaEndpointProperties(b), label, timeout);
            return;
        }
        EventHubClientBuilder builder = new EventHubClientBuilder()
                .consumerGroup(b.consumerGroup())
                .retryOptions(new AmqpRetryOptions().setMaxRetries(0).setTryTimeout(timeout))
                .transportType(
                        b.transport() == HubTransport.AMQP_WEB_SOCKETS
                                ? AmqpTransportType.AMQP_WEB_SOCKETS
                                : AmqpTransportType.AMQP);
        ConnectionString cs = b.connectionString();
        if (cs == null) {
            builder.credential(b.fullyQualifiedNamespace(), b.eventHub(), new DefaultAzureCredentialBuilder().build());
        } else if (cs.entityPath() != null) {
            builder.connectionString(cs.value());
        } else {
            builder.connectionString(cs.value(), b.eventHub());
        }
        try (EventHubConsumerAsyncClient client = builder.buildAsyncConsumerClient()) {
            client.getEventHubProperties().block(timeout.plusSeconds(2));
        } catch (RuntimeException e) {
            ConfigException config = classify(e, b, label);
            if (config != null) {
                throw config;
            }
            LOG.warn(
                    "{}: could not check the hub within {} s ({}); starting anyway",
                    label,
                    timeout.toSeconds(),
                    oneLine(e));
        }
    }

    /** The configuration error an exception stands for, or null when it may pass. */
    private static ConfigException classify(Throwable e, HubBinding b, String label) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AmqpException amqp && amqp.getErrorCondition() == AmqpErrorCondition.NOT_FOUND) {
                return ConfigException.of(
                        label, "hub '" + b.eventHub() + "' does not exist in namespace " + b.fullyQualifiedNamespace());
            }
            if (t instanceof AmqpException amqp && amqp.getErrorCondition() == AmqpErrorCondition.UNAUTHORIZED_ACCESS) {
                return ConfigException.of(
                        label,
                        "not authorized to read hub '" + b.eventHub() + "' ("
                                + (b.connectionString() != null
                                        ? "the connection string's policy needs the Listen right"
                                        : "the identity needs the role Azure Event Hubs Data Receiver")
                                + ")");
            }
            if (t instanceof ClientAuthenticationException) {
                return ConfigException.of(
                        label,
                        "no usable Azure identity for DefaultAzureCredential (" + oneLine(t)
                                + "); set up workload identity or give connection-string-env/-file");
            }
        }
        return null;
    }

    /** An exception's message on one short line. */
    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
