package io.tenantwatch.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.alerting.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresAndRefusesUntilItsTime() {
        assertThat(circuit.failure()).isFalse();
        assertThat(circuit.failure()).isFalse();
        circuit.success();
        assertThat(circuit.failure()).isFalse();
        assertThat(circuit.failure()).isFalse();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.failure()).isTrue();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.allows()).isFalse();
        assertThat(circuit.retryAt()).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(circuit.allows()).isFalse();
    }

    @Test
    void halfOpenTrialClosesOnSuccessAndReopensOnFailure() {
        for (int i = 0; i < 3; i++) {
            circuit.failure();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.allows()).isTrue();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        // The trial failed: open again, without announcing it as news.
        assertThat(circuit.failure()).isFalse();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.allows()).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(circuit.allows()).isTrue();
        assertThat(circuit.success()).isTrue();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.allows()).isTrue();
    }
}
