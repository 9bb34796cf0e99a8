package io.tenantwatch.testkit.events;

import io.tenantwatch.schemas.Facts;
import java.util.List;

/**
 * Pod spec facts as ingest extracts them from a pod or a pod template, for a test that needs a
 * workload's containers without a whole audit event.
 */
public final class PodSpecs {

    public static final String WEB_IMAGE = "contoso.azurecr.io/alpha/web:1.4.2";

    private PodSpecs() {}

    /** A pod spec whose named containers run privileged; {@code templateHash} may be null. */
    public static Facts.PodSpec privileged(String templateHash, String... privilegedContainers) {
        return new Facts.PodSpec(
                List.of(WEB_IMAGE, "mcr.microsoft.com/oss/nginx/nginx:1.25.4"),
                List.of(privilegedContainers),
                List.of(),
                false,
                false,
                false,
                List.of(),
                "default",
                templateHash);
    }

    public static Facts.PodSpec unprivileged(String templateHash) {
        return new Facts.PodSpec(
                List.of(WEB_IMAGE), List.of(), List.of(), false, false, false, List.of(), "default", templateHash);
    }
}
