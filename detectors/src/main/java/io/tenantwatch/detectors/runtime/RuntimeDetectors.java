package io.tenantwatch.detectors.runtime;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/** Group G of the catalogue (docs/detectors.md, "Runtime (Falco)"). */
public final class RuntimeDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(FalcoRuntime.DEFINITION);

    private RuntimeDetectors() {}
}
