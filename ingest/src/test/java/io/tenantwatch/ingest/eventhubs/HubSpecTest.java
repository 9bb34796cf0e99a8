package io.tenantwatch.ingest.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.Topics;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration mistake ends in one line that names the option and what is wrong, and never
 * shows the secret: what the command prints before exiting with status 2.
 */
class HubSpecTest {

    private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ==";
    private static final String GOOD =
            "Endpoint=sb://tw-prod.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=" + KEY;

    @TempDir
    Path dir;

    private Path secret(String content) throws Exception {
        Path file = dir.resolve("connection-string");
        Files.writeString(file, content);
        return file;
    }

    private static HubBinding parse(String spec) {
        return HubSpec.parse(spec, "default", "--eventhubs");
    }

    /** Parses and validates as the command would. */
    private static EventHubsOptions options(String... specs) {
        return EventHubsOptions.of(
                        java.util.Arrays.stream(specs).map(HubSpecTest::parse).toList(),
                        "localhost:9092",
                        Topics.defaults())
                .validate();
    }

    private static void fails(String spec, String message) {
        assertThatThrownBy(() -> options(spec))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .hasMessageNotContaining(KEY)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void aCompleteSpecWithAConnectionStringFileBindsTheHub() throws Exception {
        Path file = secret(GOOD + ";EntityPath=aks-audit\n");
        EventHubsOptions options = options(
                "kind=audit,connection-string-file=" + file + ",consumer-group=tenantwatch,"
                        + "cluster-map=/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1=prod-eu");
        HubBinding b = options.hubs().get(0);
        assertThat(b.kind()).isEqualTo(HubKind.AUDIT);
        assertThat(b.fullyQualifiedNamespace()).as("from the Endpoint").isEqualTo("tw-prod.servicebus.windows.net");
        assertThat(b.eventHub()).as("from the EntityPath").isEqualTo("aks-audit");
        assertThat(b.consumerGroup()).isEqualTo("tenantwatch");
        assertThat(b.cluster()).isEqualTo("default");
        assertThat(b.transport()).isEqualTo(HubTransport.AMQP);
        assertThat(b.connectionString().value()).isEqualTo(GOOD + ";EntityPath=aks-audit");
        assertThat(b.connectionString().toString()).doesNotContain(KEY);
        assertThat(
                        b.sourceBinding()
                                .clusterFor(
                                        "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS1"))
                .isEqualTo("prod-eu");
        assertThat(
                        b.sourceBinding()
                                .clusterFor(
                                        "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS2"))
                .isEqualTo("aks2");
    }

    @Test
    void withoutAConnectionStringTheHubUsesAzureIdentity() {
        HubBinding b = options(
                        "kind=falco,namespace=tw-prod.servicebus.windows.net,hub=falco,consumer-group=tenantwatch,"
                                + "cluster=prod-eu,transport=amqp-websockets")
                .hubs()
                .get(0);
        assertThat(b.credential()).isInstanceOf(HubCredential.AzureIdentity.class);
        assertThat(b.cluster()).isEqualTo("prod-eu");
        assertThat(b.transport()).isEqualTo(HubTransport.AMQP_WEB_SOCKETS);
    }

    @Test
    void badConnectionStringsAreNamedWithoutTheirSecret() throws Exception {
        String opts = ",kind=audit,hub=aks-audit,consumer-group=tenantwatch";
        fails(
                "connection-string-file=" + secret("hello") + opts,
                "--eventhubs aks-audit: connection-string-file " + dir.resolve("connection-string")
                        + ": not an Event Hubs connection string (expected Endpoint=sb://NAMESPACE/;SharedAccessKeyName=NAME;SharedAccessKey=KEY)");
        fails(
                "connection-string-file=" + secret("SharedAccessKeyName=listen;SharedAccessKey=" + KEY) + opts,
                "--eventhubs aks-audit: connection-string-file " + dir.resolve("connection-string")
                        + ": the connection string has no Endpoint=sb://NAMESPACE/");
        fails(
                "connection-string-file=" + secret(GOOD.replace("sb://", "https://")) + opts,
                "--eventhubs aks-audit: connection-string-file " + dir.resolve("connection-string")
                        + ": the connection string's Endpoint must be sb://NAMESPACE/, not 'https://tw-prod.servicebus.windows.net'");
        fails(
                "connection-string-file=" + secret(GOOD.replace(";SharedAccessKey=" + KEY, "")) + opts,
                "--eventhubs aks-audit: connection-string-file " + dir.resolve("connection-string")
                        + ": the connection string has no SharedAccessKey"
                        + " (copy it whole from the portal's Shared access policies, or use workload identity instead)");
        fails(
                "connection-string-file=" + secret(GOOD + ";EntityPath=falco") + opts,
                "--eventhubs aks-audit: hub 'aks-audit' differs from the connection string's EntityPath 'falco' (connection-string-file "
                        + dir.resolve("connection-string") + ")");
        fails(
                "connection-string-file=" + secret(GOOD) + opts + ",namespace=tw-other.servicebus.windows.net",
                "--eventhubs aks-audit: namespace 'tw-other.servicebus.windows.net' differs from the connection string's Endpoint"
                        + " 'tw-prod.servicebus.windows.net' (connection-string-file "
                        + dir.resolve("connection-string") + ")");
        fails(
                "connection-string-file=" + dir.resolve("absent") + opts,
                "--eventhubs aks-audit: connection-string-file " + dir.resolve("absent") + ": no such file");
        fails(
                "connection-string-env=TW_TEST_NO_SUCH_VARIABLE_42" + opts,
                "--eventhubs aks-audit: connection-string-env TW_TEST_NO_SUCH_VARIABLE_42: the environment variable is not set");
    }

    @Test
    void theConnectionStringCanComeFromTheEnvironment() {
        HubCredential c = HubCredential.fromEnv("TW_EH", Map.of("TW_EH", GOOD));
        assertThat(((HubCredential.ConnectionStringCredential) c)
                        .connectionString()
                        .namespace())
                .isEqualTo("tw-prod.servicebus.windows.net");
        assertThat(c.toString()).doesNotContain(KEY);
    }

    @Test
    void aMissingHubOrConsumerGroupOrABadNamespaceIsNamed() {
        fails(
                "kind=audit,namespace=tw-prod.servicebus.windows.net,consumer-group=tenantwatch",
                "--eventhubs #1: hub is missing (the Event Hub's name, e.g. hub=aks-audit)");
        fails(
                "kind=audit,namespace=tw-prod.servicebus.windows.net,hub=aks-audit",
                "--eventhubs aks-audit: consumer-group is missing (create one for tenantwatch; $Default is shared with every other reader of the hub)");
        fails(
                "kind=audit,hub=aks-audit,consumer-group=tenantwatch",
                "--eventhubs aks-audit: namespace is missing (e.g. namespace=myns.servicebus.windows.net)");
        fails(
                "kind=audit,namespace=tw-prod,hub=aks-audit,consumer-group=tenantwatch",
                "--eventhubs aks-audit: namespace 'tw-prod' is not fully qualified (did you mean tw-prod.servicebus.windows.net?)");
        fails(
                "kind=audit,namespace=sb://tw-prod.servicebus.windows.net/,hub=aks-audit,consumer-group=tenantwatch",
                "--eventhubs aks-audit: namespace 'sb://tw-prod.servicebus.windows.net/' must be a host name only, without scheme or path"
                        + " (e.g. myns.servicebus.windows.net)");
        fails(
                "kind=audit,namespace=tw_prod.servicebus.windows.net,hub=aks-audit,consumer-group=tenantwatch",
                "--eventhubs aks-audit: namespace 'tw_prod.servicebus.windows.net' is not a valid host name");
        fails(
                "kind=audit,namespace=tw-prod.servicebus.windows.net,hub=aks audit,consumer-group=tenantwatch",
                "--eventhubs aks audit: hub 'aks audit' is not an Event Hub name (letters, digits, '.', '_', '-'; up to 256)");
    }

    @Test
    void kindsKeysAndClustersAreChecked() {
        String hub = ",namespace=tw-prod.servicebus.windows.net,hub=falco,consumer-group=tenantwatch";
        fails("kind=falcon" + hub, "--eventhubs falco: kind 'falcon' is neither audit nor falco");
        fails(hub.substring(1), "--eventhubs falco: kind is missing (kind=audit or kind=falco)");
        fails(
                "kind=falco" + hub,
                "--eventhubs falco: cluster is missing (the cluster name its Falco alerts belong to)");
        fails(
                "kind=falco,cluster=prod/eu" + hub,
                "--eventhubs falco: cluster 'prod/eu' is not a cluster name (1 to 63 letters, digits, '.', '_' and '-', starting with a letter or digit)");
        fails(
                "kind=falco,cluster=prod,group=x" + hub,
                "--eventhubs: unknown key 'group' (known: kind, namespace, hub, consumer-group,"
                        + " cluster, cluster-map, connection-string-env, connection-string-file, transport)");
        fails(
                "kind=falco,cluster=prod,transport=https" + hub,
                "--eventhubs falco: transport 'https' is not amqp, amqp-websockets or kafka");
        fails(
                "kind=falco,cluster=prod,transport=kafka" + hub,
                "--eventhubs falco: transport=kafka needs a connection string (the Kafka endpoint's SASL PLAIN password)");
        fails(
                "kind=audit,cluster-map=aks1" + hub,
                "--eventhubs falco: cluster-map entry 'aks1' is not ARMID=NAME (entries separated by '|')");
    }

    @Test
    void everyProblemOfEveryHubIsReportedAtOnce() {
        assertThatThrownBy(() -> parse("kind=falcon,hub=falco,transport=https,cluster-map=aks1"))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> assertThat(((ConfigException) e).problems())
                                .containsExactly(
                                        "--eventhubs falco: kind 'falcon' is neither audit nor falco",
                                        "--eventhubs falco: transport 'https' is not amqp, amqp-websockets or kafka",
                                        "--eventhubs falco: cluster-map entry 'aks1' is not ARMID=NAME (entries separated by '|')"));
        HubBinding noCluster =
                parse("kind=falco,namespace=tw-prod.servicebus.windows.net,hub=falco,consumer-group=tenantwatch");
        HubBinding badGroup = parse("kind=audit,namespace=tw-prod,hub=aks-audit,consumer-group=a b");
        assertThatThrownBy(() -> EventHubsOptions.of(List.of(noCluster, badGroup), "localhost:9092", Topics.defaults())
                        .validate())
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> assertThat(((ConfigException) e).problems())
                                .containsExactly(
                                        "--eventhubs falco: cluster is missing (the cluster name its Falco alerts belong to)",
                                        "--eventhubs aks-audit: namespace 'tw-prod' is not fully qualified (did you mean tw-prod.servicebus.windows.net?)",
                                        "--eventhubs aks-audit: consumer-group 'a b' is not a consumer group name (letters, digits, '.', '_', '-'; up to 50)"));
    }

    @Test
    void theSameHubAndConsumerGroupTwiceIsRefused() {
        String spec =
                "kind=falco,cluster=prod,namespace=tw-prod.servicebus.windows.net,hub=falco,consumer-group=tenantwatch";
        assertThatThrownBy(() -> options(spec, spec.replace("cluster=prod", "cluster=other")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--eventhubs falco: hub falco with consumer group tenantwatch is given twice");
        assertThat(options(spec, spec.replace("consumer-group=tenantwatch", "consumer-group=tenantwatch-2"))
                        .hubs())
                .hasSize(2);
        assertThatThrownBy(() -> EventHubsOptions.of(List.of(), "localhost:9092", Topics.defaults())
                        .validate())
                .hasMessage("--eventhubs: no Event Hub given");
    }
}
