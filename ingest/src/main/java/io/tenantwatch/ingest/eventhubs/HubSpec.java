package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hub as a command-line value, for an option such as {@code --eventhubs} that may be given once
 * per hub:
 * <pre>
 * kind=audit,namespace=myns.servicebus.windows.net,hub=aks-audit,consumer-group=tenantwatch,
 *   connection-string-env=TW_EVENTHUBS_AUDIT
 * kind=falco,namespace=myns.servicebus.windows.net,hub=falco,consumer-group=tenantwatch,cluster=prod-eu
 * </pre>
 * Keys: {@code kind} (audit|falco), {@code namespace}, {@code hub}, {@code consumer-group},
 * {@code cluster}, {@code cluster-map} ({@code ARMID=NAME|ARMID=NAME…}), at most one of
 * {@code connection-string-env} and {@code connection-string-file} (neither: Azure identity, e.g.
 * AKS workload identity), {@code transport} (amqp, amqp-websockets or kafka). Values hold no
 * commas; connection strings never appear here, only where to find them.
 */
public final class HubSpec {

    static final Set<String> KEYS = Set.of(
            "kind",
            "namespace",
            "hub",
            "consumer-group",
            "cluster",
            "cluster-map",
            "connection-string-env",
            "connection-string-file",
            "transport");

    private HubSpec() {}

    /**
     * @param spec           the option's value
     * @param defaultCluster the cluster of an audit hub's records without a resourceId when the spec has
     *                       no {@code cluster} (e.g. the command's {@code --cluster})
     * @param option         the option's name, for messages
     * @throws ConfigException every problem of the spec, one line each naming the option (and the hub,
     *                         once it is known), the key and the problem
     */
    public static HubBinding parse(String spec, String defaultCluster, String option) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(option);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            if (eq < 0) {
                problems.add(null, "'" + key + "' needs a value (key=value, separated by commas)");
            } else if (!KEYS.contains(key)) {
                problems.add(
                        null,
                        "unknown key '" + key + "' (known: "
                                + String.join(
                                        ", ",
                                        List.of(
                                                "kind",
                                                "namespace",
                                                "hub",
                                                "consumer-group",
                                                "cluster",
                                                "cluster-map",
                                                "connection-string-env",
                                                "connection-string-file",
                                                "transport"))
                                + ")");
            } else if (values.put(key, pair.substring(eq + 1).strip()) != null) {
                problems.add(null, "'" + key + "' is given twice");
            }
        }
        // (validation names a hub without a name by its position instead: "#1")
        ConfigProblems hub = problems.part(
                option + " " + values.getOrDefault("hub", spec.length() > 40 ? spec.substring(0, 40) + "…" : spec));
        String kindValue = values.get("kind");
        HubKind kind = HubKind.parse(kindValue);
        if (kindValue == null) {
            hub.add(null, "kind is missing (kind=audit or kind=falco)");
        } else if (kind == null) {
            hub.add(null, "kind '" + kindValue + "' is neither audit nor falco");
        }
        HubTransport transport = HubTransport.AMQP;
        if (values.containsKey("transport")) {
            transport = HubTransport.parse(values.get("transport"));
            if (transport == null) {
                hub.add(null, "transport '" + values.get("transport") + "' is not amqp, amqp-websockets or kafka");
            }
        }
        HubCredential credential =
                credential(values.get("connection-string-env"), values.get("connection-string-file"), hub);
        String cluster = values.get("cluster");
        if (cluster == null && kind == HubKind.AUDIT) {
            cluster = defaultCluster;
        }
        Map<String, String> clusterMap = clusterMap(values.get("cluster-map"), hub);
        problems.throwIfAny();
        return new HubBinding(
                kind,
                values.get("namespace"),
                values.get("hub"),
                values.get("consumer-group"),
                cluster,
                clusterMap,
                credential,
                transport);
    }

    /** Where the connection string is, or Azure identity without one; null after a problem. */
    private static HubCredential credential(String env, String file, ConfigProblems hub) {
        if (env != null && file != null) {
            hub.add(null, "give connection-string-env or connection-string-file, not both");
            return null;
        }
        try {
            return env != null
                    ? HubCredential.fromEnv(env)
                    : file != null ? HubCredential.fromFile(Path.of(file)) : HubCredential.azureIdentity();
        } catch (ConfigException e) {
            // "--eventhubs falco: connection-string-file /x: no such file"
            e.problems().forEach(line -> hub.add(null, line));
            return null;
        }
    }

    private static Map<String, String> clusterMap(String value, ConfigProblems hub) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return map;
        }
        for (String entry : value.split("\\|")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                hub.add(null, "cluster-map entry '" + entry.strip() + "' is not ARMID=NAME (entries separated by '|')");
            } else {
                map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
