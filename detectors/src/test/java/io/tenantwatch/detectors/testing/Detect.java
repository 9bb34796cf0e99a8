package io.tenantwatch.detectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs detectors the way the topology does: through a {@link DetectorRegistry}, so a detector's
 * trigger decides whether it sees the event at all. Every alert raised is checked against the
 * alert contract ({@code alert.schema.json}).
 */
public final class Detect {

    private static final DetectorRegistry BUILT_IN = DetectorRegistry.builtIn();

    private Detect() {}

    /** The alerts one detector raises on the event (none when its trigger does not match). */
    public static List<Alert> with(Detector detector, NormalizedEvent event) {
        return run(new DetectorRegistry(List.of(detector)), event);
    }

    /** The alerts of the whole built-in catalogue on the event. */
    public static List<Alert> builtIn(NormalizedEvent event) {
        return run(BUILT_IN, event);
    }

    /** The ids of the built-in detectors that raise on the event. */
    public static List<String> detectorsRaising(NormalizedEvent event) {
        return builtIn(event).stream().map(Alert::detector).toList();
    }

    /** The one alert the detector raises; fails when it raises none or several. */
    public static Alert single(Detector detector, NormalizedEvent event) {
        List<Alert> alerts = with(detector, event);
        assertThat(alerts).as("alerts of %s", detector.id()).hasSize(1);
        return alerts.get(0);
    }

    private static List<Alert> run(DetectorRegistry registry, NormalizedEvent event) {
        List<Alert> alerts = new ArrayList<>();
        registry.detect(new EventContext(event), DetectionListener.NONE, alerts::add);
        for (Alert alert : alerts) {
            assertThat(ContractSchemas.ALERT.problems(alert)).as("alert.schema.json problems of %s", alert).isEmpty();
        }
        return alerts;
    }
}
