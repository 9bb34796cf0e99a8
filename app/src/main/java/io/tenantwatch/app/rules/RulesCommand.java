package io.tenantwatch.app.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.DetectorConfigs;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.CatalogueDoc;
import io.tenantwatch.detectors.config.ConfigSchema;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ExceptionRule;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantwatch rules}: the detector catalogue as configured, and checking a detectors.yaml. */
@Command(
        name = "rules",
        header = "Lists, validates and documents the detector catalogue.",
        mixinStandardHelpOptions = true,
        description = "Lists the detector catalogue or validates a detector configuration file.",
        subcommands = {
            RulesCommand.ListRules.class,
            RulesCommand.Validate.class,
            RulesCommand.Docs.class,
            RulesCommand.Schema.class
        })
public final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required (list, validate, docs, schema)");
    }

    /**
     * {@code rules list}: a table for a person; with {@code --json}, one JSON array of the catalogue
     * (id, group, severity, enabled, mitre, parameters, exceptions) for a script.
     */
    @Command(
            name = "list",
            header = "Lists the detectors: id, group, severity, enabled, title.",
            mixinStandardHelpOptions = true,
            description = "Prints the catalogue as a table: id, group, severity, enabled and title.")
    public static final class ListRules implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "Show the catalogue as this detectors.yaml tunes it.")
        Path configFile;

        @Option(
                names = "--json",
                description = "Print one JSON array instead, one object per detector with id, group, severity,"
                        + " enabled, title, mitre, params and exceptions (one document, for jq or any JSON parser).")
        boolean json;

        @Mixin
        DebugOption debugOption;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DetectorConfig config = DetectorConfigs.load(configFile);
            if (json) {
                ArrayNode all = Json.mapper().createArrayNode();
                BuiltInDetectors.definitions().forEach(d -> all.add(describe(d, config)));
                out.println(all);
            } else {
                // The id column as wide as the longest id, so the titles line up whatever the catalogue holds.
                int idWidth = BuiltInDetectors.definitions().stream()
                        .mapToInt(d -> d.id().length())
                        .max()
                        .orElse(2);
                String layout = "%-" + idWidth + "s %-5s %-8s %-7s %s%n";
                out.printf(layout, "ID", "GROUP", "SEVERITY", "ENABLED", "TITLE");
                for (DetectorDefinition d : BuiltInDetectors.definitions()) {
                    ObjectNode row = describe(d, config);
                    out.printf(
                            layout,
                            d.id(),
                            row.get("group").asText(),
                            row.get("severity").asText(),
                            row.get("enabled").asBoolean() ? "yes" : "no",
                            d.spec().title());
                }
            }
            out.flush();
            return 0;
        }

        static ObjectNode describe(DetectorDefinition d, DetectorConfig config) {
            DetectorConfig.DetectorSettings settings = config.settings(d.id());
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("id", d.id());
            json.put("group", d.spec().group().letter());
            json.put(
                    "severity",
                    (settings.severity() != null
                                    ? settings.severity()
                                    : d.spec().severity())
                            .label());
            json.put("enabled", settings.enabled() == null || settings.enabled());
            json.put("title", d.spec().title());
            ObjectNode mitre = json.putObject("mitre");
            mitre.put("tactic", d.spec().mitre().tactic());
            mitre.put("technique", d.spec().mitre().technique());
            ObjectNode params = json.putObject("params");
            for (ParamSpec p : d.params()) {
                params.set(
                        p.name(),
                        Json.mapper().valueToTree(settings.params().getOrDefault(p.name(), p.defaultValue())));
            }
            ArrayNode exceptions = json.putArray("exceptions");
            addBuiltInExceptions(exceptions, d, settings);
            addExceptions(exceptions, config.exceptions(), d.id(), null);
            config.tenants()
                    .forEach((tenant, override) -> addExceptions(exceptions, override.exceptions(), d.id(), tenant));
            return json;
        }

        /**
         * The exceptions a real cluster needs are built into the detectors as {@code ignore*}
         * parameters (Helm's release query, AKS add-ons in platform namespaces); listed here with
         * their reason while they are on, so an operator sees every silence in one place.
         */
        private static void addBuiltInExceptions(
                ArrayNode into, DetectorDefinition d, DetectorConfig.DetectorSettings settings) {
            for (ParamSpec p : d.params()) {
                boolean on = p.type() == ParamSpec.Type.BOOLEAN
                        && p.name().startsWith("ignore")
                        && Boolean.TRUE.equals(settings.params().getOrDefault(p.name(), p.defaultValue()));
                if (on) {
                    ObjectNode e = into.addObject();
                    e.put("name", p.name());
                    e.put("reason", p.description());
                    e.put("builtIn", true);
                }
            }
        }

        private static void addExceptions(ArrayNode into, List<ExceptionRule> rules, String detectorId, String tenant) {
            for (ExceptionRule rule : rules) {
                if (!rule.appliesTo(detectorId)) {
                    continue;
                }
                ObjectNode e = into.addObject();
                e.put("name", rule.name());
                e.put("reason", rule.reason());
                if (tenant != null) {
                    e.put("tenant", tenant);
                }
                ObjectNode match = e.putObject("match");
                rule.match().forEach((field, globs) -> {
                    ArrayNode patterns = match.putArray(field.key());
                    globs.forEach(g -> patterns.add(g.pattern()));
                });
            }
        }
    }

    /** {@code rules validate}: exit 0 on a good file, 2 with one line per problem on a bad one. */
    @Command(
            name = "validate",
            header = "Checks a detectors.yaml.",
            mixinStandardHelpOptions = true,
            description = "Checks a detectors.yaml: exit 0 when good, 2 with one line per problem when not.")
    public static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The detectors.yaml to check.")
        Path configFile;

        @Mixin
        DebugOption debugOption;

        @Override
        public Integer call() {
            Path file = DetectorConfigs.existing(configFile);
            try {
                DetectorConfig config = new DetectorConfigLoader(BuiltInDetectors.definitions()).load(file);
                spec.commandLine()
                        .getOut()
                        .println(configFile + ": ok (" + config.detectors().size() + " detectors tuned, "
                                + config.exceptions().size() + " exceptions, "
                                + config.tenants().size() + " tenant overrides)");
                spec.commandLine().getOut().flush();
                return 0;
            } catch (ConfigException e) {
                // The problems are the command's answer: printed as they are, without the usage prefix.
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(err::println);
                err.flush();
                return 2;
            }
        }
    }

    /** {@code rules docs}: the catalogue as Markdown (docs/detectors.md is this output). */
    @Command(
            name = "docs",
            header = "Prints the detector catalogue as Markdown.",
            mixinStandardHelpOptions = true,
            description = "Prints the detector catalogue as Markdown (docs/detectors.md).")
    public static final class Docs implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(CatalogueDoc.markdown(BuiltInDetectors.definitions()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code rules schema}: the JSON Schema of detectors.yaml (docs/detectors.schema.json is this output). */
    @Command(
            name = "schema",
            header = "Prints the JSON Schema of detectors.yaml.",
            mixinStandardHelpOptions = true,
            description = "Prints the JSON Schema of detectors.yaml for editors (docs/detectors.schema.json).")
    public static final class Schema implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ConfigSchema.render(BuiltInDetectors.definitions()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
