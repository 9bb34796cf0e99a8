package io.tenantwatch.app;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.detectors.config.DetectorConfigException;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the {@code --config} option (detectors.yaml) for any command; problems end it with exit 2. */
public final class DetectorConfigs {

    private DetectorConfigs() {}

    /** The file's tuning, or the catalogue defaults without one. */
    public static DetectorConfig load(Path file) {
        if (file == null) {
            return DetectorConfig.DEFAULTS;
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": no such detector configuration file");
        }
        try {
            return new DetectorConfigLoader(BuiltInDetectors.definitions()).load(file);
        } catch (DetectorConfigException e) {
            // One line per problem, each naming the file, the key and the bad value.
            throw new UsageException(String.join(System.lineSeparator(), e.problems()), e);
        }
    }

}
