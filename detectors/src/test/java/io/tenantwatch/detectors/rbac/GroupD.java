package io.tenantwatch.detectors.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs group D the way the service will: in one registry with the built-in catalogue, so triggers
 * decide what each detector sees and ids must not clash. Every alert is checked against the alert
 * contract ({@code alert.schema.json}).
 */
final class GroupD {

    /** The ids of group D, in catalogue order. */
    static final List<String> IDS = RbacDetectors.all().stream().map(Detector::id).toList();
    private static final Set<String> ID_SET = Set.copyOf(IDS);

    /** The built-in catalogue plus group D (once the lead registers group D there, it is not added twice). */
    static final List<Detector> CATALOGUE = catalogue();
    static final DetectorRegistry REGISTRY = new DetectorRegistry(CATALOGUE);

    private GroupD() {}

    private static List<Detector> catalogue() {
        Map<String, Detector> byId = new LinkedHashMap<>();
        BuiltInDetectors.all().forEach(d -> byId.putIfAbsent(d.id(), d));
        RbacDetectors.all().forEach(d -> byId.putIfAbsent(d.id(), d));
        return List.copyOf(byId.values());
    }

    /** Every alert of the catalogue on the event. */
    static List<Alert> alerts(NormalizedEvent event) {
        List<Alert> alerts = new ArrayList<>();
        REGISTRY.detect(new EventContext(event), DetectionListener.NONE, alerts::add);
        for (Alert alert : alerts) {
            assertThat(ContractSchemas.ALERT.problems(alert)).as("alert.schema.json problems of %s", alert).isEmpty();
        }
        return alerts;
    }

    /** The group D detectors that raise on the event, in the order they ran. */
    static List<String> raising(NormalizedEvent event) {
        return alerts(event).stream().map(Alert::detector).filter(ID_SET::contains).collect(Collectors.toList());
    }

    /** The alerts one detector raises on the event, run inside the whole catalogue. */
    static List<Alert> with(String detectorId, NormalizedEvent event) {
        return alerts(event).stream().filter(a -> a.detector().equals(detectorId)).toList();
    }

    /** The one alert the detector raises; fails when it raises none or several. */
    static Alert single(String detectorId, NormalizedEvent event) {
        List<Alert> alerts = with(detectorId, event);
        assertThat(alerts).as("alerts of %s", detectorId).hasSize(1);
        return alerts.get(0);
    }
}
