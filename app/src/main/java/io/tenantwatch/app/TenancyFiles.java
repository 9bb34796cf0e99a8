package io.tenantwatch.app;

import io.tenantwatch.ingest.tenancy.TenancyFile;
import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the {@code --tenancy} option for any command: warnings to stderr, errors as exit 2. */
public final class TenancyFiles {

    private TenancyFiles() {}

    /**
     * The file's tenancy, or the empty default (no tenants, default platform namespaces) without one.
     *
     * @throws ConfigException one line per problem of the file, each naming it and the entry
     */
    public static TenancyConfig load(Path file, PrintWriter err) throws ConfigException {
        if (file == null) {
            return TenancyConfig.EMPTY;
        }
        if (!Files.isRegularFile(file)) {
            throw ConfigException.of(file.toString(), "no such tenancy file");
        }
        TenancyFile loaded = new TenancyFileLoader().load(file);
        loaded.warnings().forEach(w -> err.println("warning: " + w));
        return loaded.config();
    }
}
