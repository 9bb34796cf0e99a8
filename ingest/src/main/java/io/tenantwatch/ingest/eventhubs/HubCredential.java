package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.schemas.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the bridge authenticates to a hub: a connection string (from an environment variable or a
 * mounted secret file, never from the command line, where {@code ps} would show it), or Azure
 * identity ({@code DefaultAzureCredential}: AKS workload identity, managed identity, the Azure CLI…)
 * with no secret at all.
 */
public sealed interface HubCredential {

    /** A connection string; {@code origin} names where it came from, for messages. */
    record ConnectionStringCredential(ConnectionString connectionString, String origin) implements HubCredential {}

    /** {@code DefaultAzureCredential}; the identity needs "Azure Event Hubs Data Receiver" on the hub. */
    record AzureIdentity() implements HubCredential {}

    static HubCredential azureIdentity() {
        return new AzureIdentity();
    }

    /**
     * The connection string in environment variable {@code variable}.
     *
     * @throws ConfigException when it is unset or not a connection string
     */
    static HubCredential fromEnv(String variable) {
        return fromEnv(variable, System.getenv());
    }

    static HubCredential fromEnv(String variable, Map<String, String> env) {
        String origin = "connection-string-env " + variable;
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw ConfigException.of(origin, "the environment variable is not set");
        }
        return new ConnectionStringCredential(ConnectionString.parse(value, origin), origin);
    }

    /**
     * The connection string in {@code file} (e.g. a mounted Kubernetes secret; surrounding white
     * space is ignored).
     *
     * @throws ConfigException when the file cannot be read or holds no connection string
     */
    static HubCredential fromFile(Path file) {
        String origin = "connection-string-file " + file;
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.of(origin, "no such file");
        } catch (IOException e) {
            throw ConfigException.of(origin, "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        return new ConnectionStringCredential(ConnectionString.parse(value, origin), origin);
    }
}
