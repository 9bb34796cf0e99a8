package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorSpec;
import java.util.List;
import java.util.function.Function;

/**
 * A catalogue entry as configuration sees it: the detector's spec, the parameters operators may
 * set, and how to build the detector from them.
 */
public record DetectorDefinition(DetectorSpec spec, List<ParamSpec> params, Function<Params, Detector> factory) {

    public DetectorDefinition {
        params = List.copyOf(params);
    }

    /** A detector with no parameters. */
    public static DetectorDefinition of(DetectorSpec spec, java.util.function.Supplier<Detector> factory) {
        return new DetectorDefinition(spec, List.of(), params -> factory.get());
    }

    /** The detector as the catalogue ships it: every parameter at its default. */
    public Detector withDefaults() {
        return factory.apply(Params.defaults());
    }

    public String id() {
        return spec.id();
    }

    public ParamSpec param(String name) {
        for (ParamSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
