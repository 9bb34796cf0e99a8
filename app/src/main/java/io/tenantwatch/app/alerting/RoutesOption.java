package io.tenantwatch.app.alerting;

import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --routes FILE}, a picocli mixin of the commands that send alerts ({@code run},
 * {@code replay}): named sinks, per-tenant routes, suppression and delivery (docs/alerting.md).
 */
public final class RoutesOption {

    @Option(
            names = "--routes",
            paramLabel = "FILE",
            description =
                    "Alert routes (routes.yaml): sinks (Alertmanager, webhook, Slack, Kafka, file, stdout), per-tenant routes, "
                            + "suppression and delivery. Default: no sinks.")
    Path file;

    /**
     * The loaded routes, or null without {@code --routes}.
     *
     * @throws ConfigException with one line per problem, each naming the file and the path of the entry
     */
    public Routes routes() throws ConfigException {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw ConfigException.of(file.toString(), "no such routes file");
        }
        return new RoutesLoader().load(file);
    }

    /** The file given, or null. */
    public Path file() {
        return file;
    }
}
