package io.tenantwatch.alerting.sinks;

import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Builds the sinks of a routes file. What the sinks share comes from the caller: the wall clock
 * (webhook timestamps, Alertmanager {@code endsAt}), the per-request timeout, the pipeline's Kafka
 * cluster (null in replay, where a Kafka sink must name its own) and the stdout writer. HTTP sinks
 * share one HTTP client, except those with a {@code caFile}: each of those has its own, which
 * trusts its CAs.
 */
public final class Sinks {

    private Sinks() {}

    /**
     * What every sink may need from where it runs. {@code kafka}: the pipeline's own cluster with its
     * connection settings, used by Kafka sinks that do not name another cluster; null in replay.
     */
    public record Context(Clock clock, Duration timeout, KafkaConnection kafka, PrintWriter stdout) {}

    /**
     * @param source the routes file the sinks come from, named in a problem
     * @throws ConfigException naming the sink when it cannot be built here (a Kafka sink without a cluster)
     */
    public static Map<String, Sink> build(String source, Collection<SinkConfig> configs, Context context) {
        HttpClient shared = client(context, null);
        Map<String, Sink> sinks = new LinkedHashMap<>();
        try {
            for (SinkConfig config : configs) {
                HttpPost http = null;
                if (config instanceof SinkConfig.Http h) {
                    HttpSettings settings = h.http();
                    HttpClient client = settings.caFile() == null
                            ? shared
                            : client(context, trusting(source, config.name(), settings));
                    http = new HttpPost(client, context.timeout(), settings);
                }
                sinks.put(config.name(), build(source, config, context, http));
            }
        } catch (RuntimeException e) {
            closeAll(sinks.values());
            throw e;
        }
        return sinks;
    }

    /**
     * Redirects are not followed: a receiver could otherwise send the sink's credentials (headers,
     * bearer token) on to another host.
     */
    private static HttpClient client(Context context, SSLContext tls) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(context.timeout()).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    /** The loader has read the CA file already; it can still have gone since. */
    private static SSLContext trusting(String source, String sink, HttpSettings settings) {
        try {
            return TrustedCAs.context(settings.caFile(), settings.systemCAs());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw ConfigException.of(
                    source,
                    "sinks." + sink + ".caFile: cannot use " + settings.caFile() + " ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private static Sink build(String source, SinkConfig config, Context context, HttpPost http) {
        if (config instanceof SinkConfig.Alertmanager c) {
            return new AlertmanagerSink(c, http, context.clock());
        } else if (config instanceof SinkConfig.Webhook c) {
            return new WebhookSink(c, http, context.clock());
        } else if (config instanceof SinkConfig.Slack c) {
            return new SlackSink(c, http);
        } else if (config instanceof SinkConfig.File c) {
            return new FileSink(c);
        } else if (config instanceof SinkConfig.Stdout c) {
            return new StdoutSink(c, context.stdout());
        } else if (config instanceof SinkConfig.Kafka c) {
            if (c.bootstrapServers() != null) {
                return new KafkaSink(c, KafkaConnection.plain(c.bootstrapServers()), context.timeout());
            }
            if (context.kafka() == null) {
                throw ConfigException.of(
                        source,
                        "sinks." + c.name()
                                + ": a kafka sink needs bootstrapServers when no Kafka cluster is in use (replay)");
            }
            return new KafkaSink(c, context.kafka(), context.timeout());
        }
        throw new IllegalStateException(
                "unknown sink configuration " + config.getClass().getSimpleName());
    }

    public static void closeAll(Collection<Sink> sinks) {
        List<RuntimeException> failures = new ArrayList<>();
        for (Sink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
