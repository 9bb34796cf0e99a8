package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.schemas.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An Event Hubs connection string ({@code Endpoint=sb://NAMESPACE/;SharedAccessKeyName=…;
 * SharedAccessKey=…[;EntityPath=HUB]}, or a {@code SharedAccessSignature} instead of the key),
 * checked before the SDK sees it so that a mistake ends in one line naming what is wrong. The
 * secret parts never appear in a message or in {@link #toString()}.
 */
public final class ConnectionString {

    private final String value;
    private final String namespace;
    private final String entityPath;

    private ConnectionString(String value, String namespace, String entityPath) {
        this.value = value;
        this.namespace = namespace;
        this.entityPath = entityPath;
    }

    /**
     * @param value  the connection string
     * @param origin where it came from, for messages (e.g. "connection-string-env TW_EH_AUDIT")
     * @throws ConfigException naming {@code origin} and the part that is wrong
     */
    public static ConnectionString parse(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw ConfigException.of(origin, "the connection string is empty");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : value.strip().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.of(
                        origin,
                        "not an Event Hubs connection string"
                                + " (expected Endpoint=sb://NAMESPACE/;SharedAccessKeyName=NAME;SharedAccessKey=KEY)");
            }
            parts.put(
                    part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                    part.substring(eq + 1).strip());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            throw ConfigException.of(origin, "the connection string has no Endpoint=sb://NAMESPACE/");
        }
        String host = endpointHost(endpoint, origin);
        boolean emulator = "true".equalsIgnoreCase(parts.get("usedevelopmentemulator"));
        boolean hasSignature = notEmpty(parts.get("sharedaccesssignature"));
        boolean hasKey = notEmpty(parts.get("sharedaccesskeyname")) && notEmpty(parts.get("sharedaccesskey"));
        if (!hasKey && !hasSignature) {
            throw ConfigException.of(
                    origin,
                    "the connection string has no "
                            + (notEmpty(parts.get("sharedaccesskeyname")) ? "SharedAccessKey" : "SharedAccessKeyName")
                            + " (copy it whole from the portal's Shared access policies, or use workload identity instead)");
        }
        if (!emulator && !EventHubsNames.isHostName(host)) {
            throw ConfigException.of(
                    origin,
                    "the connection string's Endpoint host '" + host
                            + "' is not a fully qualified namespace (e.g. myns.servicebus.windows.net)");
        }
        String entity = parts.get("entitypath");
        return new ConnectionString(value.strip(), host.toLowerCase(Locale.ROOT), notEmpty(entity) ? entity : null);
    }

    private static String endpointHost(String endpoint, String origin) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw ConfigException.of(
                    origin, "the connection string's Endpoint is not a URI (expected sb://NAMESPACE/)");
        }
        if (!"sb".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw ConfigException.of(
                    origin,
                    "the connection string's Endpoint must be sb://NAMESPACE/, not '"
                            + (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                            + (uri.getHost() == null ? "…" : uri.getHost()) + "'");
        }
        return uri.getHost();
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** The secret value, for the SDK and the Kafka endpoint's SASL password only. */
    public String value() {
        return value;
    }

    /** The Endpoint's host, lower-cased: the fully qualified namespace. */
    public String namespace() {
        return namespace;
    }

    /** The EntityPath (the hub) when the string is scoped to one hub, else null. */
    public String entityPath() {
        return entityPath;
    }

    @Override
    public String toString() {
        return "ConnectionString[namespace=" + namespace + ", entityPath=" + entityPath + ", secret=***]";
    }
}
