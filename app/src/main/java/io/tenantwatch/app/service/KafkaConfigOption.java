package io.tenantwatch.app.service;

import io.tenantwatch.app.UsageException;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE}: the connection and security settings of an external Kafka cluster
 * (TLS, SASL), in Kafka's own client properties format, for every client tenantwatch opens. Mount
 * it from a Secret, or keep secrets out of it with Kafka's config providers:
 * <pre>
 * security.protocol=SASL_SSL
 * sasl.mechanism=PLAIN
 * config.providers=env
 * config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
 * sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="tw" password="${env:TW_KAFKA_PASSWORD}";
 * </pre>
 */
public final class KafkaConfigOption {

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description =
                    "Kafka client settings for --bootstrap-servers (security.protocol, sasl.*, ssl.*, config.providers*, "
                            + "timeouts), as a properties file; applied to every client.")
    Path file;

    /**
     * How every client reaches {@code bootstrapServers} (with the file's settings, if given); null
     * without {@code --bootstrap-servers}, for the embedded broker.
     *
     * @throws UsageException one line naming the file and the problem; never a value from the file
     * @throws io.tenantwatch.schemas.config.ConfigException every problem of the file (keys set twice,
     *         keys tenantwatch does not take), one line each
     */
    public KafkaConnection connection(String bootstrapServers) {
        boolean external = bootstrapServers != null && !bootstrapServers.isBlank();
        if (file == null) {
            return external ? KafkaConnection.plain(bootstrapServers) : null;
        }
        String where = "--kafka-config " + file;
        if (!external) {
            throw new UsageException(
                    where + ": Kafka client settings need --bootstrap-servers (the embedded broker takes none)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(where + ": no such file");
        }
        Set<String> repeated = new TreeSet<>();
        // A key given twice silently takes its last value in java.util.Properties; an operator who
        // pasted a second ssl.truststore.location would never know which one the clients use.
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                Object before = super.put(key, value);
                if (before != null) {
                    repeated.add(String.valueOf(key).strip());
                }
                return before;
            }
        };
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(where + ": cannot read it as a properties file", e);
        }
        // Every problem at once, one line each, naming keys and never their values.
        ConfigProblems problems = new ConfigProblems(where);
        repeated.forEach(key -> problems.add(key, "set more than once; give each setting once"));
        new TreeSet<>(properties.stringPropertyNames()).forEach(key -> {
            String problem = KafkaConnection.settingProblem(key.strip());
            if (problem != null) {
                problems.add(key.strip(), problem);
            }
        });
        problems.throwIfAny();
        return KafkaConnection.of(bootstrapServers, properties);
    }
}
