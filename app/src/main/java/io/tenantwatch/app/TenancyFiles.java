package io.tenantwatch.app;

import io.tenantwatch.ingest.tenancy.TenancyFile;
import io.tenantwatch.ingest.tenancy.TenancyFileException;
import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.schemas.TenancyConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the {@code --tenancy} option for any command: warnings to stderr, errors as exit 2. */
public final class TenancyFiles {

    private TenancyFiles() {}

    /** The file's tenancy, or the empty default (no tenants, default platform namespaces) without one. */
    public static TenancyConfig load(Path file, PrintWriter err) {
        if (file == null) {
            return TenancyConfig.EMPTY;
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": no such tenancy file");
        }
        try {
            TenancyFile loaded = new TenancyFileLoader().load(file);
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            return loaded.config();
        } catch (TenancyFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
