package io.tenantwatch.alerting.sinks;

import io.tenantwatch.schemas.KafkaConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds one sink the way the pipeline does. */
final class SinkTesting {

    static final StringWriter STDOUT = new StringWriter();

    private SinkTesting() {}

    static Sink build(SinkConfig config) {
        return build(config, null);
    }

    static Sink build(SinkConfig config, String bootstrapServers) {
        Map<String, Sink> sinks = Sinks.build(
                "routes.yaml",
                List.of(config),
                new Sinks.Context(
                        Clock.systemUTC(),
                        Duration.ofSeconds(5),
                        bootstrapServers == null ? null : KafkaConnection.plain(bootstrapServers),
                        new PrintWriter(STDOUT, true)));
        return sinks.get(config.name());
    }
}
