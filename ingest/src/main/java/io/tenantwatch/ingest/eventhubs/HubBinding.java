package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.ClusterNames;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Event Hub to read, and how its events are named (docs/formats.md, "Cluster identity").
 *
 * @param kind                    audit (AKS diagnostic settings) or falco (falcosidekick)
 * @param fullyQualifiedNamespace e.g. {@code myns.servicebus.windows.net}; may be null when the
 *                                connection string's Endpoint gives it
 * @param eventHub                the hub; may be null when the connection string's EntityPath gives it
 * @param consumerGroup           this service's consumer group (a dedicated one: never share
 *                                {@code $Default} with other readers)
 * @param cluster                 the cluster name of events without an AKS resourceId: required for a
 *                                Falco hub (falcosidekick does not say which cluster), the fallback of an
 *                                audit hub
 * @param clustersByResourceId    ARM resource id → cluster name for AKS records; without an entry, the
 *                                id's last segment, lower-cased
 * @param credential              a connection string or Azure identity
 * @param transport               AMQP (the processor) or the Kafka endpoint
 */
public record HubBinding(
        HubKind kind,
        String fullyQualifiedNamespace,
        String eventHub,
        String consumerGroup,
        String cluster,
        Map<String, String> clustersByResourceId,
        HubCredential credential,
        HubTransport transport) {

    public HubBinding {
        clustersByResourceId = clustersByResourceId == null ? Map.of() : Map.copyOf(clustersByResourceId);
        transport = transport == null ? HubTransport.AMQP : transport;
    }

    /** The connection string, or null with Azure identity. */
    public ConnectionString connectionString() {
        return credential instanceof HubCredential.ConnectionStringCredential c ? c.connectionString() : null;
    }

    /** How events of this hub get their cluster names. */
    public SourceBinding sourceBinding() {
        return SourceBinding.service(cluster, clustersByResourceId);
    }

    /**
     * Checks every setting and fills the namespace and hub from the connection string when they
     * were not given.
     *
     * @param option how the user named this hub's settings, e.g. "--eventhubs aks-audit"
     * @return the complete binding
     * @throws ConfigException every problem of the binding, one line each naming {@code option}, the
     *                         setting and the problem
     */
    public HubBinding validate(String option) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(option);
        if (kind == null) {
            problems.add(null, "kind is missing (audit or falco)");
        }
        if (credential == null) {
            problems.add(null, "no credential (a connection string, or Azure identity)");
        }
        ConnectionString cs = connectionString();
        String namespace = fullyQualifiedNamespace == null || fullyQualifiedNamespace.isBlank()
                ? (cs == null ? null : cs.namespace())
                : fullyQualifiedNamespace.strip();
        if (namespace == null) {
            problems.add(null, "namespace is missing (e.g. namespace=myns.servicebus.windows.net)");
        } else if (namespaceProblem(namespace) != null) {
            problems.add(null, namespaceProblem(namespace));
        } else if (cs != null && !cs.namespace().equalsIgnoreCase(namespace)) {
            problems.add(
                    null,
                    "namespace '" + namespace + "' differs from the connection string's Endpoint '" + cs.namespace()
                            + "' (" + ((HubCredential.ConnectionStringCredential) credential).origin() + ")");
        }
        String hub = eventHub == null || eventHub.isBlank() ? (cs == null ? null : cs.entityPath()) : eventHub.strip();
        if (hub == null) {
            problems.add(null, "hub is missing (the Event Hub's name, e.g. hub=aks-audit)");
        } else if (!EventHubsNames.isHubName(hub)) {
            problems.add(
                    null, "hub '" + hub + "' is not an Event Hub name (letters, digits, '.', '_', '-'; up to 256)");
        } else if (cs != null && cs.entityPath() != null && !cs.entityPath().equalsIgnoreCase(hub)) {
            problems.add(
                    null,
                    "hub '" + hub + "' differs from the connection string's EntityPath '" + cs.entityPath() + "' ("
                            + ((HubCredential.ConnectionStringCredential) credential).origin() + ")");
        }
        if (consumerGroup == null || consumerGroup.isBlank()) {
            problems.add(
                    null,
                    "consumer-group is missing (create one for tenantwatch; $Default"
                            + " is shared with every other reader of the hub)");
        } else if (!EventHubsNames.isConsumerGroup(consumerGroup.strip())) {
            problems.add(
                    null,
                    "consumer-group '" + consumerGroup.strip()
                            + "' is not a consumer group name (letters, digits, '.', '_', '-'; up to 50)");
        }
        if (cluster == null || cluster.isBlank()) {
            problems.add(
                    null,
                    "cluster is missing (the cluster name its "
                            + (kind == HubKind.FALCO ? "Falco alerts" : "records without a resourceId")
                            + " belong to)");
        } else if (!ClusterNames.isValid(cluster.strip())) {
            problems.add(null, "cluster '" + cluster.strip() + "' is not a cluster name (" + ClusterNames.RULE + ")");
        }
        clustersByResourceId.forEach((id, name) -> {
            if (!id.strip().toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
                problems.add(null, "cluster-map key '" + id + "' is not an ARM resource id (/subscriptions/…)");
            }
            if (name == null || !ClusterNames.isValid(name.strip())) {
                problems.add(null, "cluster-map name '" + name + "' is not a cluster name");
            }
        });
        if (transport == HubTransport.KAFKA && cs == null) {
            problems.add(null, "transport=kafka needs a connection string (the Kafka endpoint's SASL PLAIN password)");
        }
        problems.throwIfAny();
        return new HubBinding(
                kind,
                namespace.toLowerCase(Locale.ROOT),
                hub,
                consumerGroup.strip(),
                cluster.strip(),
                clustersByResourceId,
                credential,
                transport);
    }

    /** What is wrong with a namespace, or null: a host name only, fully qualified. */
    private static String namespaceProblem(String namespace) {
        if (namespace.contains("://") || namespace.contains("/")) {
            return "namespace '" + namespace
                    + "' must be a host name only, without scheme or path (e.g. myns.servicebus.windows.net)";
        }
        if (!namespace.contains(".") && !"localhost".equalsIgnoreCase(namespace)) {
            return "namespace '" + namespace + "' is not fully qualified (did you mean " + namespace
                    + ".servicebus.windows.net?)";
        }
        if (!EventHubsNames.isHostName(namespace)) {
            return "namespace '" + namespace + "' is not a valid host name";
        }
        return null;
    }

    /** Same namespace, hub and consumer group: two bindings that would fight over one set of partitions. */
    boolean sameReader(HubBinding other) {
        return Objects.equals(fullyQualifiedNamespace, other.fullyQualifiedNamespace)
                && eventHub.equalsIgnoreCase(other.eventHub)
                && consumerGroup.equalsIgnoreCase(other.consumerGroup);
    }
}
