package io.tenantwatch.ingest.tenancy;

import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyConfig.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings about namespace patterns that more than one owner claims (docs/tenancy.md):
 * between tenants (an exact name beats a glob; among equals, the first tenant in the file wins), and
 * between a tenant and the platform (the tenant wins). Tenants whose cluster lists are disjoint
 * never compete and are not reported.
 */
final class TenancyOverlaps {

    private TenancyOverlaps() {}

    static List<String> warnings(TenancyConfig config) {
        List<String> warnings = new ArrayList<>();
        List<Tenant> tenants = config.tenants();
        for (int i = 0; i < tenants.size(); i++) {
            for (int j = i + 1; j < tenants.size(); j++) {
                if (shareACluster(tenants.get(i), tenants.get(j))) {
                    betweenTenants(tenants.get(i), tenants.get(j), warnings);
                }
            }
        }
        Set<String> platform = new LinkedHashSet<>(TenancyConfig.DEFAULT_PLATFORM_NAMESPACES);
        platform.addAll(config.platform().namespaces());
        for (Tenant t : tenants) {
            for (String pattern : t.namespaces()) {
                for (String p : platform) {
                    String example = GlobOverlap.example(pattern, p);
                    if (example != null) {
                        warnings.add("namespace " + describe(pattern, example) + " of tenant '" + t.name()
                                + "' is also a platform namespace ('" + p + "'); it belongs to the tenant");
                    }
                }
            }
        }
        return warnings;
    }

    /** The first tenant is the earlier one in the file. */
    private static void betweenTenants(Tenant first, Tenant second, List<String> warnings) {
        for (String a : first.namespaces()) {
            for (String b : second.namespaces()) {
                String example = GlobOverlap.example(a, b);
                if (example == null) {
                    continue;
                }
                boolean literalA = isLiteral(a);
                boolean literalB = isLiteral(b);
                String winner = literalA == literalB ? first.name() : literalA ? first.name() : second.name();
                String rule = literalA == literalB ? "(first in the file)" : "(an exact name beats a glob)";
                warnings.add("namespace " + describe(a, example) + " of tenant '" + first.name() + "' and "
                        + describe(b, example) + " of tenant '" + second.name() + "' overlap; '" + winner + "' wins "
                        + rule);
            }
        }
    }

    private static boolean shareACluster(Tenant a, Tenant b) {
        return a.clusters().isEmpty()
                || b.clusters().isEmpty()
                || a.clusters().stream().anyMatch(b.clusters()::contains);
    }

    private static boolean isLiteral(String pattern) {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    private static String describe(String pattern, String example) {
        return isLiteral(pattern) ? "'" + pattern + "'" : "glob '" + pattern + "' (e.g. '" + example + "')";
    }
}
