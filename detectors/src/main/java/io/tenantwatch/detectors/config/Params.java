package io.tenantwatch.detectors.config;

import io.tenantwatch.schemas.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A detector's parameters after validation: what the operator set, else the declared default.
 * Values are already of their declared type (the loader checked them).
 */
public final class Params {

    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static Params defaults() {
        return new Params(Map.of());
    }

    public boolean bool(ParamSpec spec) {
        return (Boolean) values.getOrDefault(spec.name(), spec.defaultValue());
    }

    public long integer(ParamSpec spec) {
        return ((Number) values.getOrDefault(spec.name(), spec.defaultValue())).longValue();
    }

    /** A duration parameter: kept as written ({@code 10m}, validated by the loader), parsed here. */
    public Duration duration(ParamSpec spec) {
        Object value = values.getOrDefault(spec.name(), spec.defaultValue());
        return value instanceof Duration d ? d : Durations.parse((String) value);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(ParamSpec spec) {
        return (List<String>) values.getOrDefault(spec.name(), spec.defaultValue());
    }

    public Map<String, Object> values() {
        return values;
    }
}
