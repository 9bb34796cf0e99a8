package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.MinimalRecords;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionListenersTest {

    @Test
    void everyCallReachesEveryListenerInOrder() {
        List<String> calls = new ArrayList<>();
        DetectionListener recorder1 = recorder("1", calls);
        DetectionListener recorder2 = recorder("2", calls);
        DetectionListener both = DetectionListeners.of(recorder1, recorder2);

        NormalizedEvent event = MinimalRecords.audit("c", "get", "ns", "t");
        both.duplicate(event);
        both.attributed(event);
        both.examined("pod-exec");
        both.exceptionApplied("pod-exec");
        both.repeatSuppressed("pod-exec");
        both.alert(MinimalRecords.alert("pod-exec", Severity.LOW, "t"));

        assertThat(calls)
                .containsExactly(
                        "1 duplicate",
                        "2 duplicate",
                        "1 attributed",
                        "2 attributed",
                        "1 examined",
                        "2 examined",
                        "1 exception",
                        "2 exception",
                        "1 suppressed",
                        "2 suppressed",
                        "1 alert",
                        "2 alert");
    }

    /** A method added to the listener interface later must be forwarded too, not left to its no-op default. */
    @Test
    void everyMethodOfTheInterfaceIsForwarded() throws NoSuchMethodException {
        for (Method m : DetectionListener.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertThat(DetectionListeners.class
                            .getMethod(m.getName(), m.getParameterTypes())
                            .getDeclaringClass())
                    .as(m.getName())
                    .isEqualTo(DetectionListeners.class);
        }
    }

    private static DetectionListener recorder(String name, List<String> calls) {
        return new DetectionListener() {
            @Override
            public void duplicate(NormalizedEvent event) {
                calls.add(name + " duplicate");
            }

            @Override
            public void attributed(NormalizedEvent event) {
                calls.add(name + " attributed");
            }

            @Override
            public void examined(String detectorId) {
                calls.add(name + " examined");
            }

            @Override
            public void exceptionApplied(String detectorId) {
                calls.add(name + " exception");
            }

            @Override
            public void repeatSuppressed(String detectorId) {
                calls.add(name + " suppressed");
            }

            @Override
            public void alert(Alert alert) {
                calls.add(name + " alert");
            }
        };
    }
}
