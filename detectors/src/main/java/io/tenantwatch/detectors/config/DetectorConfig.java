package io.tenantwatch.detectors.config;

import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.Map;

/**
 * The operators' tuning ({@code detectors.yaml}): per detector enabled, severity and parameters;
 * exceptions; per-tenant overrides of both; and custom CEL rules, compiled, which join the
 * catalogue. Everything absent means the catalogue default.
 */
public record DetectorConfig(
        Map<String, DetectorSettings> detectors,
        List<ExceptionRule> exceptions,
        Map<String, TenantOverride> tenants,
        List<DetectorDefinition> customRules) {

    public static final DetectorConfig DEFAULTS = new DetectorConfig(Map.of(), List.of(), Map.of(), List.of());

    public DetectorConfig {
        detectors = Map.copyOf(detectors);
        exceptions = List.copyOf(exceptions);
        tenants = Map.copyOf(tenants);
        customRules = List.copyOf(customRules);
    }

    /** One detector's settings; a null field keeps the default (or, for a tenant, the global setting). */
    public record DetectorSettings(Boolean enabled, Severity severity, Map<String, Object> params) {
        public DetectorSettings {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        /** These settings with {@code override}'s fields on top. */
        public DetectorSettings overriddenBy(DetectorSettings override) {
            if (override == null) {
                return this;
            }
            Map<String, Object> merged = new java.util.HashMap<>(params);
            merged.putAll(override.params());
            return new DetectorSettings(
                    override.enabled() != null ? override.enabled() : enabled,
                    override.severity() != null ? override.severity() : severity,
                    merged);
        }

        public static final DetectorSettings NONE = new DetectorSettings(null, null, Map.of());
    }

    /** A tenant's own settings and exceptions, applied to events in that tenant's namespaces. */
    public record TenantOverride(Map<String, DetectorSettings> detectors, List<ExceptionRule> exceptions) {
        public TenantOverride {
            detectors = Map.copyOf(detectors);
            exceptions = List.copyOf(exceptions);
        }
    }

    public DetectorSettings settings(String detectorId) {
        return detectors.getOrDefault(detectorId, DetectorSettings.NONE);
    }
}
