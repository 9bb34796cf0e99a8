package io.tenantwatch.detectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.controlplane.ControlPlaneDetectors;
import io.tenantwatch.detectors.crosstenant.BoundaryDetectors;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in catalogue plus group E ({@link ControlPlaneDetectors}) and the boundary detectors of
 * group A ({@link BoundaryDetectors}), in one {@link DetectorRegistry}, run the way the topology runs
 * it: every detector whose trigger matches sees the event. Once BuiltInDetectors registers them
 * itself, the duplicates are dropped by id, so these tests keep working unchanged.
 */
public final class Catalogue {

    public static final List<Detector> DETECTORS = merge(BuiltInDetectors.all(), ControlPlaneDetectors.all(),
            BoundaryDetectors.all());
    public static final DetectorRegistry REGISTRY = new DetectorRegistry(DETECTORS);

    private Catalogue() {}

    /** Every alert of the catalogue on the event, each checked against alert.schema.json. */
    public static List<Alert> alerts(NormalizedEvent event) {
        List<Alert> alerts = new ArrayList<>();
        REGISTRY.detect(new EventContext(event), DetectionListener.NONE, alerts::add);
        for (Alert alert : alerts) {
            assertThat(ContractSchemas.ALERT.problems(alert)).as("alert.schema.json problems of %s", alert).isEmpty();
        }
        return alerts;
    }

    /** The alerts one detector raised on the event, among the whole catalogue's. */
    public static List<Alert> raisedBy(String detectorId, NormalizedEvent event) {
        return alerts(event).stream().filter(a -> a.detector().equals(detectorId)).toList();
    }

    /** The one alert a detector raised; fails when it raised none or several. */
    public static Alert single(String detectorId, NormalizedEvent event) {
        List<Alert> alerts = raisedBy(detectorId, event);
        assertThat(alerts).as("alerts of %s", detectorId).hasSize(1);
        return alerts.get(0);
    }

    /** The ids of the detectors that raised on the event. */
    public static List<String> detectorsRaising(NormalizedEvent event) {
        return alerts(event).stream().map(Alert::detector).toList();
    }

    /** The ids of the detectors the registry handed the event to. */
    public static List<String> examinedBy(NormalizedEvent event) {
        List<String> examined = new ArrayList<>();
        REGISTRY.detect(new EventContext(event), new DetectionListener() {
            @Override
            public void examined(String detectorId) {
                examined.add(detectorId);
            }
        }, alert -> {});
        return examined;
    }

    @SafeVarargs
    private static List<Detector> merge(List<Detector>... lists) {
        Map<String, Detector> byId = new LinkedHashMap<>();
        for (List<Detector> list : lists) {
            for (Detector d : list) {
                byId.putIfAbsent(d.id(), d);
            }
        }
        return List.copyOf(byId.values());
    }
}
