package io.tenantwatch.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999_999);
        assertThat(b.nominalMillis(1)).isEqualTo(1_000);
        assertThat(b.nominalMillis(2)).isEqualTo(2_000);
        assertThat(b.nominalMillis(5)).isEqualTo(16_000);
        assertThat(b.nominalMillis(6)).isEqualTo(30_000);
        assertThat(b.nominalMillis(1_000)).isEqualTo(30_000);
    }

    @Test
    void jitterKeepsAtLeastHalfTheNominalDelay() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0).after(3, null))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5).after(3, null))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999_999)
                        .after(3, null)
                        .toMillis())
                .isBetween(3_999L, 4_000L);
    }

    @Test
    void aReceiversRetryAfterIsALowerBound() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0);
        assertThat(b.after(1, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.after(8, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(64));
    }
}
