package io.tenantwatch.app.metrics;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;

/**
 * Several listeners where the topology takes one (the detection meters, the per-tenant meters, the
 * audit coverage), called in order on the stream thread.
 */
public final class DetectionListeners implements DetectionListener {

    private final DetectionListener[] listeners;

    private DetectionListeners(List<DetectionListener> listeners) {
        this.listeners = listeners.toArray(DetectionListener[]::new);
    }

    public static DetectionListener of(DetectionListener... listeners) {
        return listeners.length == 1 ? listeners[0] : new DetectionListeners(List.of(listeners));
    }

    @Override
    public void duplicate(NormalizedEvent event) {
        for (DetectionListener l : listeners) {
            l.duplicate(event);
        }
    }

    @Override
    public void attributed(NormalizedEvent event) {
        for (DetectionListener l : listeners) {
            l.attributed(event);
        }
    }

    @Override
    public void examined(String detectorId) {
        for (DetectionListener l : listeners) {
            l.examined(detectorId);
        }
    }

    @Override
    public void exceptionApplied(String detectorId) {
        for (DetectionListener l : listeners) {
            l.exceptionApplied(detectorId);
        }
    }

    @Override
    public void repeatSuppressed(String detectorId) {
        for (DetectionListener l : listeners) {
            l.repeatSuppressed(detectorId);
        }
    }

    @Override
    public void late(String detectorId) {
        for (DetectionListener l : listeners) {
            l.late(detectorId);
        }
    }

    @Override
    public void alert(Alert alert) {
        for (DetectionListener l : listeners) {
            l.alert(alert);
        }
    }
}
