package io.tenantwatch.ingest.tenancy;

import io.tenantwatch.schemas.TenancyConfig;
import java.util.List;

/**
 * A loaded tenancy file: the configuration, and warnings about it that do not stop it from being
 * used (overlapping globs between tenants, namespaces claimed by a tenant and the platform), each
 * one line, for {@code tenantwatch tenancy --tenancy FILE}.
 */
public record TenancyFile(TenancyConfig config, List<String> warnings) {

    public TenancyFile {
        warnings = List.copyOf(warnings);
    }
}
