package io.tenantwatch.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.ingest.eventhubs.EventHubsConfigException;
import io.tenantwatch.ingest.eventhubs.EventHubsOptions;
import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.eventhubs.HubSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --eventhubs}, once per hub: either a spec ({@code kind=audit,namespace=…,hub=…}, see
 * {@link HubSpec}) or a YAML file of {@code hubs:}, each hub a map of the same keys (the Helm
 * chart's form, easier to keep in a ConfigMap). Connection strings are never given here, only the
 * variable or file that holds one.
 */
public final class EventHubsOption {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Option(names = EventHubsOptions.DEFAULT_OPTION, paramLabel = "SPEC|FILE",
            description = {"An Event Hub to read (repeatable): kind=audit|falco,namespace=NS.servicebus.windows.net,hub=NAME,"
                    + "consumer-group=GROUP[,cluster=NAME][,cluster-map=ARMID=NAME|…][,transport=amqp|amqp-websockets|kafka]"
                    + "[,connection-string-env=VAR|connection-string-file=FILE]; no connection string: Azure identity.",
                    "Or a YAML file with hubs: [ {kind: audit, namespace: …, hub: …}, … ]."})
    List<String> values = List.of();

    /**
     * The hubs, in the order given.
     *
     * @param defaultCluster the cluster of audit records without a resourceId, for hubs that name none
     * @throws UsageException one line naming the option, the hub and the problem
     */
    public List<HubBinding> hubs(String defaultCluster) {
        List<HubBinding> hubs = new ArrayList<>();
        try {
            for (String value : values) {
                if (looksLikeFile(value)) {
                    for (String spec : specsInFile(Path.of(value))) {
                        hubs.add(HubSpec.parse(spec, defaultCluster, EventHubsOptions.DEFAULT_OPTION + " " + value));
                    }
                } else {
                    hubs.add(HubSpec.parse(value, defaultCluster, EventHubsOptions.DEFAULT_OPTION));
                }
            }
        } catch (EventHubsConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return hubs;
    }

    /** A spec always has '='; a value without one, or ending in .yaml or .yml, is a file. */
    private static boolean looksLikeFile(String value) {
        return !value.contains("=") || value.endsWith(".yaml") || value.endsWith(".yml");
    }

    /** Each hub of the file as a spec, so that both forms go through one parser and one set of messages. */
    private static List<String> specsInFile(Path file) {
        String where = EventHubsOptions.DEFAULT_OPTION + " " + file;
        if (!Files.isRegularFile(file)) {
            throw new UsageException(where + ": no such file (give a file of hubs:, or a spec kind=…,namespace=…,hub=…)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UsageException(where + ": not YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UsageException(where + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode hubs = root == null ? null : root.get("hubs");
        if (hubs == null || !hubs.isArray()) {
            throw new UsageException(where + ": expected a list under 'hubs:'");
        }
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++) {
            JsonNode hub = hubs.get(i);
            if (!hub.isObject()) {
                throw new UsageException(where + ": hubs[" + i + "] is not a map of keys");
            }
            StringBuilder spec = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = hub.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String value = field.getValue().isValueNode() ? field.getValue().asText() : null;
                if (value == null || value.contains(",")) {
                    throw new UsageException(where + ": hubs[" + i + "]." + field.getKey() + " must be one value without commas");
                }
                spec.append(spec.isEmpty() ? "" : ",").append(field.getKey()).append('=').append(value);
            }
            specs.add(spec.toString());
        }
        return specs;
    }
}
