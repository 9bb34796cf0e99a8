package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.ClusterNames;
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
     * @throws EventHubsConfigException naming {@code option}, the setting and the problem
     */
    public HubBinding validate(String option) {
        if (kind == null) {
            throw new EventHubsConfigException(option + ": kind is missing (audit or falco)");
        }
        if (credential == null) {
            throw new EventHubsConfigException(option + ": no credential (a connection string, or Azure identity)");
        }
        ConnectionString cs = connectionString();
        String namespace = fullyQualifiedNamespace == null || fullyQualifiedNamespace.isBlank()
                ? (cs == null ? null : cs.namespace()) : fullyQualifiedNamespace.strip();
        if (namespace == null) {
            throw new EventHubsConfigException(option + ": namespace is missing (e.g. namespace=myns.servicebus.windows.net)");
        }
        checkNamespace(option, namespace);
        if (cs != null && !cs.namespace().equalsIgnoreCase(namespace)) {
            throw new EventHubsConfigException(option + ": namespace '" + namespace + "' differs from the connection string's Endpoint '"
                    + cs.namespace() + "' (" + ((HubCredential.ConnectionStringCredential) credential).origin() + ")");
        }
        String hub = eventHub == null || eventHub.isBlank() ? (cs == null ? null : cs.entityPath()) : eventHub.strip();
        if (hub == null) {
            throw new EventHubsConfigException(option + ": hub is missing (the Event Hub's name, e.g. hub=aks-audit)");
        }
        if (!EventHubsNames.isHubName(hub)) {
            throw new EventHubsConfigException(option + ": hub '" + hub
                    + "' is not an Event Hub name (letters, digits, '.', '_', '-'; up to 256)");
        }
        if (cs != null && cs.entityPath() != null && !cs.entityPath().equalsIgnoreCase(hub)) {
            throw new EventHubsConfigException(option + ": hub '" + hub + "' differs from the connection string's EntityPath '"
                    + cs.entityPath() + "' (" + ((HubCredential.ConnectionStringCredential) credential).origin() + ")");
        }
        if (consumerGroup == null || consumerGroup.isBlank()) {
            throw new EventHubsConfigException(option + ": consumer-group is missing (create one for tenantwatch; $Default"
                    + " is shared with every other reader of the hub)");
        }
        if (!EventHubsNames.isConsumerGroup(consumerGroup.strip())) {
            throw new EventHubsConfigException(option + ": consumer-group '" + consumerGroup.strip()
                    + "' is not a consumer group name (letters, digits, '.', '_', '-'; up to 50)");
        }
        if (cluster == null || cluster.isBlank()) {
            throw new EventHubsConfigException(option + ": cluster is missing (the cluster name its "
                    + (kind == HubKind.FALCO ? "Falco alerts" : "records without a resourceId") + " belong to)");
        }
        if (!ClusterNames.isValid(cluster.strip())) {
            throw new EventHubsConfigException(option + ": cluster '" + cluster.strip()
                    + "' is not a cluster name (" + ClusterNames.RULE + ")");
        }
        clustersByResourceId.forEach((id, name) -> {
            if (!id.strip().toLowerCase(Locale.ROOT).startsWith("/subscriptions/")) {
                throw new EventHubsConfigException(option + ": cluster-map key '" + id + "' is not an ARM resource id (/subscriptions/…)");
            }
            if (name == null || !ClusterNames.isValid(name.strip())) {
                throw new EventHubsConfigException(option + ": cluster-map name '" + name + "' is not a cluster name");
            }
        });
        if (transport == HubTransport.KAFKA && cs == null) {
            throw new EventHubsConfigException(option + ": transport=kafka needs a connection string (the Kafka endpoint's SASL PLAIN password)");
        }
        return new HubBinding(kind, namespace.toLowerCase(Locale.ROOT), hub, consumerGroup.strip(), cluster.strip(),
                clustersByResourceId, credential, transport);
    }

    private static void checkNamespace(String option, String namespace) {
        if (namespace.contains("://") || namespace.contains("/")) {
            throw new EventHubsConfigException(option + ": namespace '" + namespace
                    + "' must be a host name only, without scheme or path (e.g. myns.servicebus.windows.net)");
        }
        if (!namespace.contains(".") && !"localhost".equalsIgnoreCase(namespace)) {
            throw new EventHubsConfigException(option + ": namespace '" + namespace + "' is not fully qualified (did you mean "
                    + namespace + ".servicebus.windows.net?)");
        }
        if (!EventHubsNames.isHostName(namespace)) {
            throw new EventHubsConfigException(option + ": namespace '" + namespace + "' is not a valid host name");
        }
    }

    /** Same namespace, hub and consumer group: two bindings that would fight over one set of partitions. */
    boolean sameReader(HubBinding other) {
        return Objects.equals(fullyQualifiedNamespace, other.fullyQualifiedNamespace)
                && eventHub.equalsIgnoreCase(other.eventHub)
                && consumerGroup.equalsIgnoreCase(other.consumerGroup);
    }
}
