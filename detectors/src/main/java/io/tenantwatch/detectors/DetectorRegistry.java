package io.tenantwatch.detectors;

import io.tenantwatch.detectors.stateful.Observation;
import io.tenantwatch.detectors.stateful.ObservingDetector;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The enabled detectors, indexed by (source, resource) so an event meets only the detectors that
 * can fire on it. Built once; {@link #detect} is the per-event path.
 */
public final class DetectorRegistry implements EventDetection {

    private final Map<String, Detector> byId;
    private final Map<String, Duration> oncePer = new HashMap<>();
    /** source → resource → detectors that name that resource. */
    private final Map<String, Map<String, List<Detector>>> byResource = new HashMap<>();
    /** source → detectors that take any resource. */
    private final Map<String, List<Detector>> anyResource = new HashMap<>();

    public DetectorRegistry(List<Detector> detectors) {
        Map<String, Detector> ids = new LinkedHashMap<>();
        for (Detector d : detectors) {
            if (ids.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("two detectors share the id " + d.id());
            }
            if (d.oncePer() != null) {
                oncePer.put(d.id(), d.oncePer());
            }
            for (String source : d.trigger().sources()) {
                if (d.trigger().resources().isEmpty()) {
                    anyResource.computeIfAbsent(source, s -> new ArrayList<>()).add(d);
                } else {
                    Map<String, List<Detector>> index = byResource.computeIfAbsent(source, s -> new HashMap<>());
                    for (String resource : d.trigger().resources()) {
                        index.computeIfAbsent(resource, r -> new ArrayList<>()).add(d);
                    }
                }
            }
        }
        this.byId = Map.copyOf(ids);
    }

    public static DetectorRegistry builtIn() {
        return new DetectorRegistry(BuiltInDetectors.all());
    }

    public Map<String, Detector> detectors() {
        return byId;
    }

    @Override
    public Duration oncePer(String detectorId) {
        return oncePer.get(detectorId);
    }

    @Override
    public void detect(
            EventContext context, DetectionListener listener, Consumer<Alert> out, Consumer<Observation> observations) {
        String source = context.event().source();
        List<Detector> any = anyResource.get(source);
        if (any != null) {
            run(any, context, listener, out, observations);
        }
        String resource = context.resource();
        if (resource != null) {
            Map<String, List<Detector>> index = byResource.get(source);
            List<Detector> matching = index == null ? null : index.get(resource);
            if (matching != null) {
                run(matching, context, listener, out, observations);
            }
        }
    }

    private static void run(
            List<Detector> detectors,
            EventContext context,
            DetectionListener listener,
            Consumer<Alert> out,
            Consumer<Observation> observations) {
        for (int i = 0; i < detectors.size(); i++) {
            Detector d = detectors.get(i);
            listener.examined(d.id());
            if (d instanceof ObservingDetector observing) {
                observing.observe(context, observations);
            } else {
                d.examine(context, out);
            }
        }
    }
}
