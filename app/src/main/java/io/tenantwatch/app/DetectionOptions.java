package io.tenantwatch.app;

import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.schemas.TenancyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --tenancy} and {@code --config}, a picocli mixin of the commands that detect (run,
 * replay): who owns what, and how the catalogue is tuned.
 */
public final class DetectionOptions {

    @Option(
            names = "--tenancy",
            paramLabel = "FILE",
            description = "Tenancy file (tenants, platform, admins). Default: no tenants.")
    Path tenancyFile;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Detector tuning (detectors.yaml). Default: the catalogue defaults.")
    Path configFile;

    /** @throws io.tenantwatch.schemas.config.ConfigException one line per problem, each naming the file and the entry */
    public TenancyConfig tenancy(PrintWriter warnings) {
        return TenancyFiles.load(tenancyFile, warnings);
    }

    /** @throws io.tenantwatch.schemas.config.ConfigException with one line per problem, each naming the file and key */
    public DetectorConfig detectorConfig() {
        return DetectorConfigs.load(configFile);
    }

    /** The detectors.yaml given, to watch for changes; null without one. */
    public Path configFile() {
        return configFile;
    }
}
