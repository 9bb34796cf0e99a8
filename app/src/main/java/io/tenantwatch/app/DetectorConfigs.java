package io.tenantwatch.app;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the {@code --config} option (detectors.yaml) for any command; problems end it with exit 2. */
public final class DetectorConfigs {

    private DetectorConfigs() {}

    /**
     * The file's tuning, or the catalogue defaults without one.
     *
     * @throws ConfigException one line per problem, each naming the file, the key and the bad value
     */
    public static DetectorConfig load(Path file) throws ConfigException {
        if (file == null) {
            return DetectorConfig.DEFAULTS;
        }
        return new DetectorConfigLoader(BuiltInDetectors.definitions()).load(existing(file));
    }

    /** @throws ConfigException when there is no such file, in the words every command uses */
    public static Path existing(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw ConfigException.of(file.toString(), "no such detector configuration file");
        }
        return file;
    }
}
