package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.eventhubs.HubCredential;
import io.tenantwatch.ingest.eventhubs.HubKind;
import io.tenantwatch.ingest.eventhubs.HubTransport;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code --eventhubs} as people give it on a command line (one spec per hub) and as the Helm
 * chart gives it (a file of hubs): the same hubs either way, and one line for each mistake.
 */
class EventHubsOptionTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        EventHubsOption eventHubs;
    }

    private static List<HubBinding> parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.eventHubs.hubs("aks-default");
    }

    @Test
    void aFileOfHubsGivesTheSameHubsAsSpecs() throws Exception {
        Path secret = dir.resolve("falco-connection");
        Files.writeString(
                secret,
                "Endpoint=sb://tw-prod.servicebus.windows.net/;SharedAccessKeyName=listen;"
                        + "SharedAccessKey=c2VjcmV0LWZvci10ZXN0cw==;EntityPath=falco\n");
        Path file = dir.resolve("eventhubs.yaml");
        Files.writeString(file, """
                hubs:
                  - kind: audit
                    namespace: tw-prod.servicebus.windows.net
                    hub: aks-audit
                    consumer-group: tenantwatch
                    cluster-map: /subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/AKS-PROD=aks-prod
                  - kind: falco
                    hub: falco
                    consumer-group: tenantwatch
                    cluster: aks-prod
                    transport: amqp-websockets
                    connection-string-file: %s
                """.formatted(secret));

        List<HubBinding> fromFile = parse("--eventhubs", file.toString());
        List<HubBinding> fromSpecs = parse(
                "--eventhubs",
                        "kind=audit,namespace=tw-prod.servicebus.windows.net,hub=aks-audit,consumer-group=tenantwatch,"
                                + "cluster-map=/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/AKS-PROD=aks-prod",
                "--eventhubs",
                        "kind=falco,hub=falco,consumer-group=tenantwatch,cluster=aks-prod,transport=amqp-websockets,"
                                + "connection-string-file=" + secret);

        // (a connection string has no equals of its own; its toString shows all but the key)
        assertThat(fromFile)
                .hasSize(2)
                .map(Object::toString)
                .isEqualTo(fromSpecs.stream().map(Object::toString).toList());
        HubBinding audit = fromFile.get(0);
        assertThat(audit.kind()).isEqualTo(HubKind.AUDIT);
        assertThat(audit.cluster())
                .as("an audit hub without cluster takes --cluster")
                .isEqualTo("aks-default");
        assertThat(audit.credential()).isInstanceOf(HubCredential.AzureIdentity.class);
        assertThat(audit.clustersByResourceId())
                .isEqualTo(Map.of(
                        "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/AKS-PROD",
                        "aks-prod"));
        HubBinding falco = fromFile.get(1);
        assertThat(falco.transport()).isEqualTo(HubTransport.AMQP_WEB_SOCKETS);
        assertThat(falco.credential()).isInstanceOf(HubCredential.ConnectionStringCredential.class);
        assertThat(falco.toString()).as("the key never shows").doesNotContain("c2VjcmV0LWZvci10ZXN0cw");
    }

    @Test
    void mistakesInTheFileNameTheFileAndTheHub() throws Exception {
        Path file = dir.resolve("eventhubs.yaml");
        Files.writeString(
                file, "hubs:\n  - {kind: audit, hub: aks-audit, consumer-group: tenantwatch, tier: premium}\n");
        assertThatThrownBy(() -> parse("--eventhubs", file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--eventhubs " + file)
                .hasMessageContaining("unknown key 'tier'");

        Files.writeString(file, "hubs: {kind: audit}\n");
        assertThatThrownBy(() -> parse("--eventhubs", file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--eventhubs " + file + ": expected a list under 'hubs:'");

        assertThatThrownBy(
                        () -> parse("--eventhubs", dir.resolve("missing.yaml").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml: no such file");
    }

    @Test
    void aKeyGivenTwiceInTheFileIsRefusedNotSilentlyDropped() throws Exception {
        Path file = dir.resolve("eventhubs.yaml");
        Files.writeString(file, """
                hubs:
                  - {kind: audit, hub: aks-audit, consumer-group: tenantwatch}
                hubs:
                  - {kind: falco, hub: falco, consumer-group: tenantwatch, cluster: aks-prod}
                """);
        assertThatThrownBy(() -> parse("--eventhubs", file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--eventhubs " + file
                        + ": hubs: duplicate key at line 3 (YAML would keep only the last; write it once)");
    }

    @Test
    void everyBadHubOfEveryValueIsReportedAtOnce() throws Exception {
        Path file = dir.resolve("eventhubs.yaml");
        Files.writeString(file, "hubs:\n  - {kind: audit, hub: aks-audit, tier: premium}\n  - just-a-name\n");
        assertThatThrownBy(() -> parse("--eventhubs", file.toString(), "--eventhubs", "kind=falcon,hub=falco"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "--eventhubs " + file
                                        + ": unknown key 'tier' (known: kind, namespace, hub, consumer-group, cluster,"
                                        + " cluster-map, connection-string-env, connection-string-file, transport)",
                                "--eventhubs " + file + ": hubs[1]: is not a map of keys",
                                "--eventhubs falco: kind 'falcon' is neither audit nor falco"));
    }

    @Test
    void runStopsAtABadHubWithOneLineAndExitTwo() {
        CommandRun run = CommandRun.of(
                "run", "--components", "ingest", "--eventhubs", "kind=audit,hub=aks-audit,transport=carrier-pigeon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo(
                        "tenantwatch run: --eventhubs aks-audit: transport 'carrier-pigeon' is not amqp, amqp-websockets or kafka");
    }
}
