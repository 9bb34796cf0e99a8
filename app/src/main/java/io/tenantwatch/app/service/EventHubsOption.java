package io.tenantwatch.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.ingest.eventhubs.EventHubsOptions;
import io.tenantwatch.ingest.eventhubs.HubBinding;
import io.tenantwatch.ingest.eventhubs.HubSpec;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import io.tenantwatch.schemas.config.ConfigProblems;
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
 * variable or file that holds one. Every problem of every value is reported at once.
 */
public final class EventHubsOption {

    @Option(
            names = EventHubsOptions.DEFAULT_OPTION,
            paramLabel = "SPEC|FILE",
            description = {
                "An Event Hub to read (repeatable): kind=audit|falco,namespace=NS.servicebus.windows.net,hub=NAME,"
                        + "consumer-group=GROUP[,cluster=NAME][,cluster-map=ARMID=NAME|…][,transport=amqp|amqp-websockets|kafka]"
                        + "[,connection-string-env=VAR|connection-string-file=FILE]; no connection string: Azure identity.",
                "Or a YAML file with hubs: [ {kind: audit, namespace: …, hub: …}, … ]."
            })
    List<String> values = List.of();

    /**
     * The hubs, in the order given.
     *
     * @param defaultCluster the cluster of audit records without a resourceId, for hubs that name none
     * @throws ConfigException one line per problem, naming the option (and file), the hub and the problem
     */
    public List<HubBinding> hubs(String defaultCluster) throws ConfigException {
        ConfigProblems problems = new ConfigProblems(EventHubsOptions.DEFAULT_OPTION);
        List<HubBinding> hubs = new ArrayList<>();
        for (String value : values) {
            try {
                if (looksLikeFile(value)) {
                    hubs.addAll(hubsInFile(Path.of(value), defaultCluster));
                } else {
                    hubs.add(HubSpec.parse(value, defaultCluster, EventHubsOptions.DEFAULT_OPTION));
                }
            } catch (ConfigException e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        return hubs;
    }

    /** A spec always has '='; a value without one, or ending in .yaml or .yml, is a file. */
    private static boolean looksLikeFile(String value) {
        return !value.contains("=") || value.endsWith(".yaml") || value.endsWith(".yml");
    }

    /**
     * Each hub of the file turned into a spec, so that both forms go through one parser and one set
     * of messages; the file is read like every operator file ({@link ConfigFiles}: a key given twice
     * is refused, not silently dropped).
     */
    private static List<HubBinding> hubsInFile(Path file, String defaultCluster) throws ConfigException {
        String where = EventHubsOptions.DEFAULT_OPTION + " " + file;
        if (!Files.isRegularFile(file)) {
            throw ConfigException.of(where, "no such file (give a file of hubs:, or a spec kind=…,namespace=…,hub=…)");
        }
        JsonNode root = ConfigFiles.parseYaml(where, ConfigFiles.read(file));
        JsonNode hubs = root == null ? null : root.get("hubs");
        if (hubs == null || !hubs.isArray()) {
            throw ConfigException.of(where, "expected a list under 'hubs:'");
        }
        ConfigProblems problems = new ConfigProblems(where);
        List<HubBinding> bindings = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++) {
            JsonNode hub = hubs.get(i);
            if (!hub.isObject()) {
                problems.add("hubs[" + i + "]", "is not a map of keys");
                continue;
            }
            int before = problems.count();
            StringBuilder spec = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = hub.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String value = field.getValue().isValueNode() ? field.getValue().asText() : null;
                if (value == null || value.contains(",")) {
                    problems.add("hubs[" + i + "]." + field.getKey(), "must be one value without commas");
                }
                spec.append(spec.isEmpty() ? "" : ",")
                        .append(field.getKey())
                        .append('=')
                        .append(value);
            }
            if (problems.count() == before) {
                try {
                    bindings.add(HubSpec.parse(spec.toString(), defaultCluster, where));
                } catch (ConfigException e) {
                    problems.addAll(e);
                }
            }
        }
        problems.throwIfAny();
        return bindings;
    }
}
