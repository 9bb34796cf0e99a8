package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.stateful.Observation;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The catalogue as an operator tuned it: detectors enabled or not and built with their
 * parameters, severities overridden, exceptions applied; a tenant with overrides gets its own
 * dispatch. Built once per configuration; the per-event path only looks things up.
 */
public final class ConfiguredDetectors implements EventDetection {

    private final DetectorRegistry global;
    private final Map<String, DetectorRegistry> byTenant;
    private final Map<String, Severity> globalSeverities;
    private final Map<String, Map<String, Severity>> tenantSeverities;
    private final List<ExceptionRule> globalExceptions;
    private final Map<String, List<ExceptionRule>> tenantExceptions;

    private ConfiguredDetectors(
            DetectorRegistry global,
            Map<String, DetectorRegistry> byTenant,
            Map<String, Severity> globalSeverities,
            Map<String, Map<String, Severity>> tenantSeverities,
            List<ExceptionRule> globalExceptions,
            Map<String, List<ExceptionRule>> tenantExceptions) {
        this.global = global;
        this.byTenant = byTenant;
        this.globalSeverities = globalSeverities;
        this.tenantSeverities = tenantSeverities;
        this.globalExceptions = globalExceptions;
        this.tenantExceptions = tenantExceptions;
    }

    public static ConfiguredDetectors build(List<DetectorDefinition> builtIn, DetectorConfig config) {
        List<DetectorDefinition> catalogue = new ArrayList<>(builtIn);
        catalogue.addAll(config.customRules());
        Map<String, DetectorConfig.DetectorSettings> globalSettings = new HashMap<>();
        for (DetectorDefinition d : catalogue) {
            globalSettings.put(d.id(), config.settings(d.id()));
        }
        Map<String, DetectorRegistry> byTenant = new HashMap<>();
        Map<String, Map<String, Severity>> tenantSeverities = new HashMap<>();
        Map<String, List<ExceptionRule>> tenantExceptions = new HashMap<>();
        config.tenants().forEach((tenant, override) -> {
            Map<String, DetectorConfig.DetectorSettings> merged = new HashMap<>();
            globalSettings.forEach((id, s) ->
                    merged.put(id, s.overriddenBy(override.detectors().get(id))));
            byTenant.put(tenant, registry(catalogue, merged));
            tenantSeverities.put(tenant, severities(merged));
            List<ExceptionRule> rules = new ArrayList<>(config.exceptions());
            rules.addAll(override.exceptions());
            tenantExceptions.put(tenant, List.copyOf(rules));
        });
        return new ConfiguredDetectors(
                registry(catalogue, globalSettings),
                Map.copyOf(byTenant),
                severities(globalSettings),
                Map.copyOf(tenantSeverities),
                config.exceptions(),
                Map.copyOf(tenantExceptions));
    }

    private static DetectorRegistry registry(
            List<DetectorDefinition> catalogue, Map<String, DetectorConfig.DetectorSettings> settings) {
        List<Detector> enabled = new ArrayList<>();
        for (DetectorDefinition d : catalogue) {
            DetectorConfig.DetectorSettings s = settings.get(d.id());
            if (s.enabled() == null || s.enabled()) {
                enabled.add(d.factory().apply(new Params(s.params())));
            }
        }
        return new DetectorRegistry(enabled);
    }

    private static Map<String, Severity> severities(Map<String, DetectorConfig.DetectorSettings> settings) {
        Map<String, Severity> result = new HashMap<>();
        settings.forEach((id, s) -> {
            if (s.severity() != null) {
                result.put(id, s.severity());
            }
        });
        return Map.copyOf(result);
    }

    /** The detectors that run for events outside any tenant with overrides. */
    public DetectorRegistry global() {
        return global;
    }

    /** Tenants share the catalogue's repeat periods: overrides change settings, not what a detector reports. */
    @Override
    public java.time.Duration oncePer(String detectorId) {
        return global.oncePer(detectorId);
    }

    /** Group F's observations pass the same exceptions and severity overrides as alerts, per event. */
    @Override
    public void detect(
            EventContext event,
            DetectionListener listener,
            Consumer<Alert> alerts,
            Consumer<Observation> observations) {
        String tenant = event.targetTenant();
        DetectorRegistry registry = tenant == null ? global : byTenant.getOrDefault(tenant, global);
        List<ExceptionRule> exceptions =
                tenant == null ? globalExceptions : tenantExceptions.getOrDefault(tenant, globalExceptions);
        Map<String, Severity> severities =
                tenant == null ? globalSeverities : tenantSeverities.getOrDefault(tenant, globalSeverities);
        registry.detect(
                event,
                listener,
                alert -> {
                    if (!silenced(alert.detector(), exceptions, event, listener)) {
                        Severity override = severities.get(alert.detector());
                        alerts.accept(override == null ? alert : alert.withSeverity(override));
                    }
                },
                observation -> {
                    if (!silenced(observation.detector(), exceptions, event, listener)) {
                        Severity override = severities.get(observation.detector());
                        observations.accept(override == null ? observation : observation.withSeverity(override));
                    }
                });
    }

    private static boolean silenced(
            String detectorId, List<ExceptionRule> exceptions, EventContext event, DetectionListener listener) {
        for (ExceptionRule rule : exceptions) {
            if (rule.appliesTo(detectorId) && rule.matches(event)) {
                listener.exceptionApplied(detectorId);
                return true;
            }
        }
        return false;
    }
}
