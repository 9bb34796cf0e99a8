package io.tenantwatch.app;

import picocli.CommandLine;

/** The version from the jar manifest (unknown when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = TenantWatch.class.getPackage().getImplementationVersion();
        return new String[] {"tenantwatch " + (v == null ? "(development build)" : v)};
    }
}
