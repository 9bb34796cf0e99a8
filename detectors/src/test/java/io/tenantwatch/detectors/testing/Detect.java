package io.tenantwatch.detectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.stateful.StatefulDetectors;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs detectors the way the topology does: through a {@link DetectorRegistry}, so a detector's
 * trigger decides whether it sees the event at all. Every alert raised is checked against the
 * alert contract ({@code alert.schema.json}). The whole catalogue is {@link BuiltInDetectors#all()}.
 */
public final class Detect {

    /** The built-in catalogue, every group registered, as the service runs it. */
    public static final DetectorRegistry BUILT_IN = DetectorRegistry.builtIn();

    private Detect() {}

    /** A group's detectors ({@code …Detectors.DEFINITIONS}) as the catalogue ships them, every parameter at its default. */
    public static List<Detector> withDefaults(List<DetectorDefinition> definitions) {
        return definitions.stream().map(DetectorDefinition::withDefaults).toList();
    }

    /** The alerts one detector raises on the event (none when its trigger does not match). */
    public static List<Alert> with(Detector detector, NormalizedEvent event) {
        return run(new DetectorRegistry(List.of(detector)), new EventContext(event));
    }

    /** The alerts one detector raises on the event, run with the fixtures' tenancy view (whose a subject is). */
    public static List<Alert> withTenancy(Detector detector, NormalizedEvent event) {
        return run(new DetectorRegistry(List.of(detector)), new EventContext(event, TenancyFixtures.ATTRIBUTOR));
    }

    /** The one alert the detector raises; fails when it raises none or several. */
    public static Alert single(Detector detector, NormalizedEvent event) {
        List<Alert> alerts = with(detector, event);
        assertThat(alerts).as("alerts of %s", detector.id()).hasSize(1);
        return alerts.get(0);
    }

    /** The alerts of the whole built-in catalogue on the event. */
    public static List<Alert> builtIn(NormalizedEvent event) {
        return run(BUILT_IN, new EventContext(event));
    }

    /** The ids of the built-in detectors that raise on the event. */
    public static List<String> detectorsRaising(NormalizedEvent event) {
        return builtIn(event).stream().map(Alert::detector).toList();
    }

    /** The ids among {@code ids} of the built-in detectors that raise on the event, in the order they ran. */
    public static List<String> detectorsRaising(Collection<String> ids, NormalizedEvent event) {
        return detectorsRaising(event).stream().filter(ids::contains).toList();
    }

    /** The alerts one detector raised on the event, run inside the whole catalogue. */
    public static List<Alert> raisedBy(String detectorId, NormalizedEvent event) {
        return builtIn(event).stream()
                .filter(a -> a.detector().equals(detectorId))
                .toList();
    }

    /** The one alert a detector raised inside the whole catalogue; fails when it raised none or several. */
    public static Alert single(String detectorId, NormalizedEvent event) {
        List<Alert> alerts = raisedBy(detectorId, event);
        assertThat(alerts).as("alerts of %s", detectorId).hasSize(1);
        return alerts.get(0);
    }

    /** The ids of the built-in detectors the registry hands the event to. */
    public static List<String> examinedBy(NormalizedEvent event) {
        return examinedBy(BUILT_IN, event);
    }

    /** The ids of the detectors of {@code registry} it hands the event to. */
    public static List<String> examinedBy(DetectorRegistry registry, NormalizedEvent event) {
        List<String> examined = new ArrayList<>();
        registry.detect(
                new EventContext(event),
                new DetectionListener() {
                    @Override
                    public void examined(String detectorId) {
                        examined.add(detectorId);
                    }
                },
                alert -> {});
        return examined;
    }

    private static List<Alert> run(DetectorRegistry registry, EventContext context) {
        List<Alert> alerts = new ArrayList<>();
        // Group F's per-event observations are the topology's input, never alerts (see StatefulDetectors).
        registry.detect(context, DetectionListener.NONE, alert -> {
            if (!StatefulDetectors.isObservation(alert.detector())) {
                alerts.add(alert);
            }
        });
        for (Alert alert : alerts) {
            assertThat(ContractSchemas.ALERT.problems(alert))
                    .as("alert.schema.json problems of %s", alert)
                    .isEmpty();
        }
        return alerts;
    }
}
