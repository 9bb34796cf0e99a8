package io.tenantwatch.alerting.suppress;

import java.time.Duration;
import java.util.Map;

/**
 * How long repeats of one finding are grouped: {@code window} by default, or the detector's own
 * window. A zero window turns suppression off (every alert goes out as it comes).
 */
public record SuppressionPolicy(Duration window, Map<String, Duration> byDetector) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    public SuppressionPolicy {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("suppression window must be zero or positive");
        }
        byDetector = byDetector == null ? Map.of() : Map.copyOf(byDetector);
    }

    public static SuppressionPolicy defaults() {
        return new SuppressionPolicy(DEFAULT_WINDOW, Map.of());
    }

    public Duration windowFor(String detector) {
        return byDetector.getOrDefault(detector, window);
    }
}
